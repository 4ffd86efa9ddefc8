using PakLoad.Channels.Inbox;

namespace PakLoad.Channels.Tests.Inbox;

public sealed class HandoverTests
{
    [Fact]
    public void RowsHandedOver_AreTakenOnce_InTheOrderWritten_WithoutARead()
    {
        var handover = new Handover<int>();
        handover.Add("whatsapp:+923001234567", [1, 2]);
        handover.Add("whatsapp:+923001234567", [3]);
        handover.Add("sms:+923331234567", [9]);

        var (rows, read) = handover.Take("whatsapp:+923001234567");

        Assert.Equal([1, 2, 3], rows);
        Assert.False(read);
        Assert.Equal("9 | read: False", Show(handover.Take("sms:+923331234567")));
    }

    [Fact]
    public void APlainSignal_AsksTheDrainToRead_BesideTheRowsHandedOver()
    {
        var handover = new Handover<int>();
        handover.Add("k", [1]);
        handover.AskToRead("k");

        Assert.Equal("1 | read: True", Show(handover.Take("k")));
    }

    [Fact]
    public void NothingRecorded_MeansRead_AndATakenKeyStartsAfresh()
    {
        var handover = new Handover<int>();
        handover.Add("k", [1]);
        _ = handover.Take("k");

        // A drain started by a signal from before the handover (or after a take) has nothing handed over: it reads.
        Assert.Equal(" | read: True", Show(handover.Take("k")));
        Assert.Equal(" | read: True", Show(handover.Take("never-signalled")));
    }

    [Fact]
    public async Task ConcurrentWriters_LoseNoRow()
    {
        var handover = new Handover<int>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                handover.Add("k", [(w * 1_000) + i]);
            }
        })));

        var (rows, _) = handover.Take("k");
        Assert.Equal(Enumerable.Range(0, 8_000), rows.Order());
    }

    private static string Show((IReadOnlyList<int> Rows, bool Read) taken) => $"{string.Join(',', taken.Rows)} | read: {taken.Read}";
}
