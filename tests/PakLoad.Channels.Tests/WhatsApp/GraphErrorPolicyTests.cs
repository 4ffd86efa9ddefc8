using PakLoad.Channels.WhatsApp;

namespace PakLoad.Channels.Tests.WhatsApp;

/// <summary>Checklist §5 item 15: what each Cloud API error code leads to, as a table.</summary>
public sealed class GraphErrorPolicyTests
{
    [Theory]
    [InlineData(429, 130429, GraphAction.Retry)]
    [InlineData(500, 131000, GraphAction.Retry)]
    [InlineData(503, 131016, GraphAction.Retry)]
    [InlineData(502, 1, GraphAction.Retry)]
    [InlineData(0, GraphError.Timeout, GraphAction.Retry)]
    [InlineData(400, 131026, GraphAction.Drop)]
    [InlineData(400, 131047, GraphAction.Template)]
    [InlineData(400, 131056, GraphAction.Pace)]
    [InlineData(400, 131051, GraphAction.Drop)]
    [InlineData(400, 132000, GraphAction.Drop)]
    [InlineData(400, 132001, GraphAction.Drop)]
    [InlineData(400, 132012, GraphAction.Drop)]
    [InlineData(400, 132015, GraphAction.Drop)]
    [InlineData(401, 190, GraphAction.Alert)]
    public void ErrorCode_DecidesRetryTemplatePaceDropOrAlert(int httpStatus, int code, GraphAction expected) =>
        Assert.Equal(expected, GraphErrors.Classify(new GraphError(httpStatus, code, "(#x) test", null)));
}
