using System.Text.RegularExpressions;
using PakLoad.Core.Trips;

namespace PakLoad.Core.Tests.Trips;

/// <summary>The diagram in the feature README is generated from the code, and this keeps it that way.</summary>
public sealed partial class TripReadmeTests
{
    [Fact]
    public void Readme_MermaidBlock_EqualsTheLifecycleDiagram()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "Core", "PakLoad.Core", "Trips", "README.md")).ReplaceLineEndings("\n");

        var blocks = MermaidBlock().Matches(readme);

        var block = Assert.Single(blocks);
        Assert.Equal(TripLifecycle.ToMermaid(), block.Groups[1].Value);
    }

    [Fact]
    public void Readme_Length_IsAtMostThirtyLines()
    {
        var readme = File.ReadAllLines(Path.Combine(RepositoryRoot(), "src", "Core", "PakLoad.Core", "Trips", "README.md"));

        Assert.InRange(readme.Length, 1, 30);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PakLoad.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No PakLoad.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex("^```mermaid\n(.*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex MermaidBlock();
}
