using System.Text;
using PakLoad.Conversations.Engine;
using PakLoad.Core.Common;
using PakLoad.Core.Parties;
using PakLoad.Core.Trips;

namespace PakLoad.Conversations.Tests.Engine;

/// <summary>
/// Property: whatever arrives (random Unicode, emoji, lone surrogates, control characters, 10,000-character
/// messages), a turn never throws, always answers, keeps the session loadable, and commits nothing: no load,
/// bid, booking or truck appears and no trip moves. Seeded, so a failure replays.
/// </summary>
public sealed class RandomInputPropertyTests
{
    private static readonly string[] Pieces =
    [
        "😀", "🚚", "👍🏽", "\u200F", "\u200D", "\u0000", "\u001B", "\uFEFF", "\uD83D", "\uDE00", "\u0301", "ـ", "؟", "۲۰", "٢٠",
        "کراچی", "Lahore", "ton", "kal", " ", "\n", "\t", "PK", "1234567", "0", "00", "98", "*", "#", "%s", "{0}", "<script>", "'; drop table loads;--",
    ];

    [Theory]
    [InlineData(20261125)]
    [InlineData(7)]
    [InlineData(4242)]
    public async Task Random_messages_never_throw_and_never_change_committed_state(int seed)
    {
        var random = new Random(seed);
        await using var h = new EngineHarness();
        var shipperPhone = PhoneNumber.FromE164("+923001110001");
        var carrierPhone = PhoneNumber.FromE164("+923005550001");
        var shipper = await h.RegisterAsync(shipperPhone, "Ali", PartyRole.Shipper, PakLoad.Core.Common.Language.UrLatn);
        var carrier = await h.RegisterAsync(carrierPhone, "Bilal", PartyRole.Carrier, PakLoad.Core.Common.Language.Ur, "22-wheeler");
        var load = await h.PostLoadAsync(shipper, "karachi", "lahore", 20000, 1);
        var bid = await h.PlaceBidAsync(carrier, load.Id, 90000);
        await h.AcceptAsync(shipper, bid.Id);
        var before = await CountsAsync(h, load.Id);

        for (var i = 0; i < 150; i++)
        {
            var phone = i % 2 == 0 ? shipperPhone : carrierPhone;
            var channel = (Channel)random.Next(0, 3);
            var text = RandomText(random, i % 25 == 0 ? 10_000 : random.Next(0, 40));
            var kind = random.Next(10) == 0 ? (InboundKind)random.Next(0, 7) : InboundKind.Text;
            var message = new InboundMessage(channel, phone, h.NextId(), kind, text, kind == InboundKind.Button ? text : null);

            var turn = await h.SendAsync(message);

            Assert.NotEmpty(turn.Prompts);
            Assert.NotNull(await h.SessionAsync(channel, phone));
        }

        Assert.Equal(before, await CountsAsync(h, load.Id));
    }

    private static async Task<(int Loads, int Bids, int Bookings, int Trucks, TripStatus Trip)> CountsAsync(EngineHarness h, LoadId load) =>
        (await h.CountAsync("loads"), await h.CountAsync("bids"), await h.CountAsync("bookings"), await h.CountAsync("trucks"), await h.TripStatusAsync(load));

    private static string RandomText(Random random, int length)
    {
        var text = new StringBuilder();
        while (text.Length < length)
        {
            switch (random.Next(3))
            {
                case 0:
                    text.Append(Pieces[random.Next(Pieces.Length)]);
                    break;
                case 1:
                    text.Append((char)random.Next(0, 0xFFFF));
                    break;
                default:
                    text.Append(char.ConvertFromUtf32(random.Next(0x1F300, 0x1FAFF)));
                    break;
            }
        }

        return text.ToString();
    }
}
