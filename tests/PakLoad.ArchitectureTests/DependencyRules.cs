using System.Xml.Linq;

namespace PakLoad.ArchitectureTests;

/// <summary>A project as its file declares it: the projects and packages it references.</summary>
internal sealed record ProjectFile(string Name, string Sdk, IReadOnlyList<string> ProjectReferences, IReadOnlyList<string> Packages, IReadOnlyList<string> Frameworks)
{
    public static ProjectFile Read(string path)
    {
        var xml = XDocument.Load(path);
        var root = xml.Root!;
        IReadOnlyList<string> Includes(string element) =>
            root.Descendants(element).Select(e => (string?)e.Attribute("Include")).OfType<string>().ToList();

        return new ProjectFile(
            Path.GetFileNameWithoutExtension(path),
            (string?)root.Attribute("Sdk") ?? string.Empty,
            Includes("ProjectReference").Select(p => Path.GetFileNameWithoutExtension(p.Replace('\\', '/'))).ToList(),
            Includes("PackageReference"),
            Includes("FrameworkReference"));
    }
}

/// <summary>
/// The arrows of ARCHITECTURE.md as rules over project files. Direct references are checked; transitive
/// ones follow, because every project is checked.
/// </summary>
internal static class DependencyRules
{
    /// <summary>
    /// Infrastructure Core must never see (prefixes of package names). Provider-neutral EF Core is allowed,
    /// for DbSet&lt;T&gt; in IPakLoadDb (style-anchors §10); every database provider is not.
    /// </summary>
    public static readonly string[] CoreForbiddenPackages =
    [
        "Npgsql", "Microsoft.EntityFrameworkCore.Sqlite", "Microsoft.EntityFrameworkCore.SqlServer", "Microsoft.EntityFrameworkCore.InMemory",
        "Microsoft.EntityFrameworkCore.Relational", "Microsoft.EntityFrameworkCore.Design", "Microsoft.Data.Sqlite", "EFCore.",
        "StackExchange.Redis", "Microsoft.Extensions.Caching.StackExchangeRedis",
        "Hangfire", "Microsoft.AspNetCore", "Stateless", "Twilio", "Stripe.net", "Elastic.", "Testcontainers",
    ];

    /// <summary>Which src projects each src project may reference.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> AllowedProjectReferences = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["PakLoad.Core"] = [],
        ["PakLoad.Core.Data"] = ["PakLoad.Core"],
        ["PakLoad.Conversations"] = ["PakLoad.Core"],
        ["PakLoad.Channels"] = ["PakLoad.Conversations", "PakLoad.Core"],
        ["PakLoad.Admin"] = ["PakLoad.Core"],
        ["PakLoad.Api"] = ["PakLoad.Core", "PakLoad.Core.Data", "PakLoad.Conversations", "PakLoad.Channels", "PakLoad.Admin"],
    };

    public static IEnumerable<string> Violations(IEnumerable<ProjectFile> projects)
    {
        foreach (var project in projects)
        {
            if (!AllowedProjectReferences.TryGetValue(project.Name, out var allowed))
            {
                // Tests and benchmarks may reference any project, the host included: they start it to test it.
                continue;
            }

            if (project.Name != "PakLoad.Api" && project.ProjectReferences.Contains("PakLoad.Api"))
            {
                yield return $"{project.Name} references PakLoad.Api: no src project may reference the host.";
                continue;
            }

            foreach (var reference in project.ProjectReferences.Where(r => !allowed.Contains(r)))
            {
                yield return $"{project.Name} references {reference}, against the arrows of ARCHITECTURE.md.";
            }

            if (project.Name != "PakLoad.Core")
            {
                continue;
            }

            foreach (var package in project.Packages.Where(p => CoreForbiddenPackages.Any(f => p.StartsWith(f, StringComparison.OrdinalIgnoreCase))))
            {
                yield return $"PakLoad.Core references {package}: Core carries no infrastructure.";
            }

            if (project.Frameworks.Any(f => f.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)) || project.Sdk != "Microsoft.NET.Sdk")
            {
                yield return "PakLoad.Core uses ASP.NET Core (a framework reference or a web SDK).";
            }
        }
    }
}
