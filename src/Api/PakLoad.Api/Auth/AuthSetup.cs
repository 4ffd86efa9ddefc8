using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using PakLoad.Api.Hosting;
using PakLoad.Core.Common;
using PakLoad.Core.Parties;

namespace PakLoad.Api.Auth;

/// <summary>Access tokens: HMAC-SHA256 JWTs, 15 minutes, carrying the party id, its roles and language.</summary>
internal sealed class TokenIssuer(SymmetricSecurityKey key, TimeProvider clock)
{
    public const string Issuer = "pakload";
    public const string Audience = "pakload-api";
    public const string LanguageClaim = "lang";
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(15);

    public (string Token, int ExpiresIn) Issue(Party party)
    {
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, party.Id.ToString()),
            new(LanguageClaim, party.Language.ToCode()),
        };
        claims.AddRange(party.Roles.Select(r => new Claim(ClaimTypes.Role, r.ToString())));
        var now = clock.GetUtcNow().UtcDateTime;
        var token = new JwtSecurityToken(
            Issuer, Audience, claims, notBefore: now, expires: now + AccessTokenLifetime,
            signingCredentials: new SigningCredentials(key, SecurityAlgorithms.HmacSha256));
        return (new JwtSecurityTokenHandler().WriteToken(token), (int)AccessTokenLifetime.TotalSeconds);
    }
}

internal static class AuthSetup
{
    public static IServiceCollection AddPakLoadAuth(this IServiceCollection services, IConfiguration configuration, PakLoadSettings settings)
    {
        var key = new SymmetricSecurityKey(KeyMaterial(configuration, settings, "Auth:SigningKey", "jwt-signing.key"));
        services.AddSingleton(new Core.Auth.CodeHasher(KeyMaterial(configuration, settings, "Auth:CodeKey", "otp-hmac.key")));
        services.AddSingleton(sp => new TokenIssuer(key, sp.GetRequiredService<TimeProvider>()));
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = TokenIssuer.Issuer,
                    ValidAudience = TokenIssuer.Audience,
                    IssuerSigningKey = key,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = JwtRegisteredClaimNames.Sub,
                    RoleClaimType = ClaimTypes.Role,
                };

                // SignalR sends the token in the query string (browsers cannot set headers on WebSockets).
                o.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context =>
                    {
                        if (context.Request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase) && context.Request.Query["access_token"] is { Count: > 0 } token)
                        {
                            context.Token = token;
                        }

                        return Task.CompletedTask;
                    },
                };
            });
        services.AddAuthorization();
        return services;
    }

    /// <summary>The party id of the signed-in caller.</summary>
    public static PartyId PartyId(this ClaimsPrincipal user) =>
        Core.Common.PartyId.From(Guid.Parse(user.FindFirstValue(JwtRegisteredClaimNames.Sub) ?? throw new InvalidOperationException("Not signed in.")));

    /// <summary>
    /// A secret key (base64, at least 32 bytes) from configuration when set, as every production instance must
    /// share it; otherwise generated once and kept in the data folder, so the embedded default needs nothing.
    /// </summary>
    private static byte[] KeyMaterial(IConfiguration configuration, PakLoadSettings settings, string setting, string fileName)
    {
        if (configuration[setting] is { Length: > 0 } configured)
        {
            var bytes = Convert.FromBase64String(configured);
            return bytes.Length >= 32 ? bytes : throw new InvalidOperationException($"{setting} must be at least 32 bytes (base64).");
        }

        var file = Path.Combine(settings.DataDirectory, fileName);
        if (!File.Exists(file))
        {
            File.WriteAllText(file, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)), Encoding.ASCII);
        }

        return Convert.FromBase64String(File.ReadAllText(file, Encoding.ASCII).Trim());
    }
}
