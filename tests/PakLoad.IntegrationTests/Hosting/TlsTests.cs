using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PakLoad.IntegrationTests.Channels;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Hosting;

/// <summary>
/// Checklist §5 item 39 on the real binary: given a certificate issued by a certificate authority (a test CA made
/// here; production uses a public CA or the proxy's), configured only through Kestrel's environment variables, the
/// host serves its webhooks over HTTPS to a client that checks the chain up to that CA and the name; a client that
/// does not trust the CA is refused by TLS before any webhook runs; provider posts need no cookie or anti-forgery token.
/// </summary>
public sealed class TlsTests
{
    [Fact]
    public async Task Https_WithACaIssuedCertificate_ServesTheWebhooks_AndAClientThatDoesNotTrustTheCaIsRefused()
    {
        var folder = Directory.CreateTempSubdirectory("pakload-tls-").FullName;
        try
        {
            using var ca = CreateAuthority();
            var pfx = Path.Combine(folder, "pakload.pfx");
            const string password = "test-pfx-password";
            using (var leaf = IssueServerCertificate(ca))
            {
                await File.WriteAllBytesAsync(pfx, leaf.Export(X509ContentType.Pfx, password));
            }

            var environment = new Dictionary<string, string>
            {
                ["PakLoad__DataDirectory"] = folder,
                ["PakLoad__WhatsApp__AppSecret"] = MetaWebhook.AppSecret,
                ["PakLoad__WhatsApp__VerifyToken"] = MetaWebhook.VerifyToken,
                ["Kestrel__Certificates__Default__Path"] = pfx,
                ["Kestrel__Certificates__Default__Password"] = password,
            };
            var seen = new List<string>();
            await using var host = await HostProcess.StartAsync(environment, https: true, handler: TrustingOnly(ca, seen));

            Assert.Equal("https", host.BaseAddress.Scheme);
            using (var live = await host.Client.GetAsync(new Uri("/health/live", UriKind.Relative)))
            {
                Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            }

            // A signed Meta delivery and Meta's handshake, over TLS, without cookies or anti-forgery tokens.
            using (var delivered = await host.Client.SendAsync(WithBase(MetaWebhook.Post(MetaWebhook.Text("923001290001", "wamid.tls.1", "hi")), host.BaseAddress)))
            {
                Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
            }

            var handshake = await host.Client.GetStringAsync(new Uri($"/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=2718&hub.verify_token={MetaWebhook.VerifyToken}", UriKind.Relative));
            Assert.Equal("2718", handshake);
            Assert.Contains($"CN=PakLoad Test Server <- CN=PakLoad Test CA", seen, StringComparer.Ordinal);

            // The same server to a client with only the system's roots: refused during the TLS handshake.
            using var stranger = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => stranger.GetAsync(new Uri("/health/live", UriKind.Relative)));
            Assert.IsType<AuthenticationException>(refused.InnerException);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static HttpRequestMessage WithBase(HttpRequestMessage request, Uri baseAddress)
    {
        request.RequestUri = new Uri(baseAddress, request.RequestUri!.OriginalString);
        return request;
    }

    /// <summary>A client that accepts the server only when its chain ends at <paramref name="ca"/> and its name matches.</summary>
    private static SocketsHttpHandler TrustingOnly(X509Certificate2 ca, List<string> seen) => new()
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
                {
                    return false; // no certificate, or a name mismatch
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                using var server = new X509Certificate2(certificate);
                if (!chain.Build(server))
                {
                    return false;
                }

                lock (seen)
                {
                    seen.Add(string.Join(" <- ", chain.ChainElements.Select(e => e.Certificate.Subject)));
                }

                return true;
            },
        },
    };

    private static X509Certificate2 CreateAuthority()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=PakLoad Test CA", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static X509Certificate2 IssueServerCertificate(X509Certificate2 ca)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=PakLoad Test Server", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7), serial);
        return issued.CopyWithPrivateKey(key);
    }
}
