namespace PakLoad.ArchitectureTests;

public sealed class DependencyRulesTests
{
    private static List<ProjectFile> AllProjects() =>
        Directory.EnumerateFiles(Repository.Root, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(ProjectFile.Read)
            .ToList();

    [Fact]
    public void Projects_InTheRepository_FollowTheArchitectureArrows()
    {
        var projects = AllProjects();

        Assert.Empty(DependencyRules.Violations(projects));
    }

    [Fact]
    public void Projects_EverySrcProjectOfTheArchitecture_IsThere()
    {
        var names = AllProjects().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(DependencyRules.AllowedProjectReferences.Keys.ToHashSet(StringComparer.Ordinal), names);
    }

    [Fact]
    public void Projects_NoProjectFile_CarriesAPackageVersion()
    {
        var versioned = Directory.EnumerateFiles(Repository.Root, "*.csproj", SearchOption.AllDirectories)
            .Where(p => File.ReadAllText(p).Contains("Version=\"", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(versioned);
    }

    public static TheoryData<string, string[], string[], string, string> BadArrows => new()
    {
        { "PakLoad.Core", [], ["Npgsql.EntityFrameworkCore.PostgreSQL"], "Microsoft.NET.Sdk", "PakLoad.Core references Npgsql" },
        { "PakLoad.Core", [], ["Microsoft.EntityFrameworkCore.Sqlite"], "Microsoft.NET.Sdk", "PakLoad.Core references Microsoft.EntityFrameworkCore.Sqlite" },
        { "PakLoad.Core", [], ["StackExchange.Redis"], "Microsoft.NET.Sdk", "PakLoad.Core references StackExchange.Redis" },
        { "PakLoad.Core", [], ["Hangfire.Core"], "Microsoft.NET.Sdk", "PakLoad.Core references Hangfire.Core" },
        { "PakLoad.Core", [], ["Stateless"], "Microsoft.NET.Sdk", "PakLoad.Core references Stateless" },
        { "PakLoad.Core", [], ["Microsoft.AspNetCore.OpenApi"], "Microsoft.NET.Sdk", "PakLoad.Core references Microsoft.AspNetCore.OpenApi" },
        { "PakLoad.Core", [], [], "Microsoft.NET.Sdk.Web", "PakLoad.Core uses ASP.NET Core" },
        { "PakLoad.Core", ["PakLoad.Core.Data"], [], "Microsoft.NET.Sdk", "PakLoad.Core references PakLoad.Core.Data" },
        { "PakLoad.Core", ["PakLoad.Conversations"], [], "Microsoft.NET.Sdk", "PakLoad.Core references PakLoad.Conversations" },
        { "PakLoad.Conversations", ["PakLoad.Channels"], [], "Microsoft.NET.Sdk", "PakLoad.Conversations references PakLoad.Channels" },
        { "PakLoad.Admin", ["PakLoad.Api"], [], "Microsoft.NET.Sdk.Razor", "PakLoad.Admin references PakLoad.Api" },
        { "PakLoad.Channels", ["PakLoad.Api"], [], "Microsoft.NET.Sdk", "PakLoad.Channels references PakLoad.Api" },
        { "PakLoad.Core.Data", ["PakLoad.Api"], [], "Microsoft.NET.Sdk", "PakLoad.Core.Data references PakLoad.Api" },
    };

    /// <summary>The rules themselves can fail: each wrong arrow is reported.</summary>
    [Theory]
    [MemberData(nameof(BadArrows))]
    public void Violations_WrongArrow_IsReported(string project, string[] references, string[] packages, string sdk, string expected)
    {
        var file = new ProjectFile(project, sdk, references, packages, []);

        var violations = DependencyRules.Violations([file]).ToList();

        Assert.Contains(violations, v => v.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Violations_CoreWithProviderNeutralEfCore_IsAllowed()
    {
        var file = new ProjectFile("PakLoad.Core", "Microsoft.NET.Sdk", [], ["Microsoft.EntityFrameworkCore", "libphonenumber-csharp"], []);

        Assert.Empty(DependencyRules.Violations([file]));
    }
}
