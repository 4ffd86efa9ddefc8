using System.Text.Json;
using System.Text.RegularExpressions;

namespace PakLoad.ArchitectureTests;

/// <summary>Checklist §5 items 3 and 38: constant-time signature compares; no provider secret in the repository's settings.</summary>
public sealed partial class SecretHygieneTests
{
    [Fact]
    public void WebhookSignatures_AreComparedInConstantTime_NeverWithEquals()
    {
        var meta = File.ReadAllText(Repository.PathTo("src", "Channels", "PakLoad.Channels", "WhatsApp", "MetaSignature.cs"));

        Assert.Equal(2, Regex.Count(meta, @"CryptographicOperations\.FixedTimeEquals\("));
        Assert.DoesNotContain("SequenceEqual", meta, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(expected|given)\s*==", meta);
        Assert.DoesNotMatch(@"\bLog", meta);
    }

    [Fact]
    public void CommittedSettings_CarryNoProviderSecret()
    {
        var files = Directory.EnumerateFiles(Repository.PathTo("src"), "appsettings*.json", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var (path, value) in Leaves(document.RootElement, string.Empty))
            {
                if (SecretName().IsMatch(path))
                {
                    Assert.True(string.IsNullOrEmpty(value), $"{file}: {path} holds a value; secrets come from configuration or secret storage.");
                }
            }
        }
    }

    private static IEnumerable<(string Path, string? Value)> Leaves(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Leaves(p.Value, $"{path}:{p.Name}")),
        JsonValueKind.Array => element.EnumerateArray().SelectMany((e, i) => Leaves(e, $"{path}:{i}")),
        JsonValueKind.String => [(path, element.GetString())],
        _ => [],
    };

    [GeneratedRegex("(Secret|Token|Password|SigningKey|ApiKey)$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
