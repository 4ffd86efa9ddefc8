using PakLoad.Conversations.Engine;

namespace PakLoad.Conversations.Tests.Engine;

public sealed class DiagramTests
{
    /// <summary>docs/conversation-flows.md holds the machine's Mermaid graph; it must match the code.</summary>
    [Fact]
    public void The_documented_flow_diagram_is_the_one_the_code_builds()
    {
        var diagram = ConversationEngine.Diagram();
        Assert.Contains("PostConfirm", diagram, StringComparison.Ordinal);
        Assert.Contains("TripCode", diagram, StringComparison.Ordinal);

        var doc = File.ReadAllText(Path.Combine(FindRoot(), "docs", "conversation-flows.md"));
        Assert.True(
            doc.Contains(diagram.Trim(), StringComparison.Ordinal),
            "docs/conversation-flows.md is out of date: run `PAKLOAD_WRITE_DIAGRAM=1 dotnet test --filter DiagramTests` to rewrite it.");
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PakLoad.sln")))
        {
            dir = dir.Parent;
        }

        var root = dir?.FullName ?? throw new InvalidOperationException("PakLoad.sln not found above the test folder.");
        if (Environment.GetEnvironmentVariable("PAKLOAD_WRITE_DIAGRAM") == "1")
        {
            File.WriteAllText(
                Path.Combine(root, "docs", "conversation-flows.md"),
                "# Conversation flows\n\nGenerated from `Flows/Dialog*.cs` by `ConversationEngine.Diagram()`; `DiagramTests` fails when it drifts.\n\n```mermaid\n"
                + ConversationEngine.Diagram().Trim() + "\n```\n");
        }

        return root;
    }
}
