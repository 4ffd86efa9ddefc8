namespace PakLoad.ArchitectureTests;

/// <summary>Finds the repository root from the test binary (the folder that holds PakLoad.sln).</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathTo(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PakLoad.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("PakLoad.sln not found above " + AppContext.BaseDirectory);
    }
}
