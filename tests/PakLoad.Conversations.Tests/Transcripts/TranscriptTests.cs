using System.Globalization;
using System.Text.RegularExpressions;
using PakLoad.Conversations.Engine;
using PakLoad.Conversations.Tests.Engine;
using PakLoad.Core.Common;
using PakLoad.Core.Loads;
using PakLoad.Core.Parties;
using PakLoad.Core.Places;
using PakLoad.Core.Trips;

namespace PakLoad.Conversations.Tests.Transcripts;

/// <summary>
/// Every conversation in Transcripts/*.txt, run against the real engine and Core on SQLite. The file syntax is
/// in Transcripts/README.md. Sessions are saved as JSON and reloaded between every turn, and the engine is
/// built anew for each turn; "restart" also drops every in-memory object but the saved documents.
/// </summary>
public sealed partial class TranscriptTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Transcripts");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Folder, "*.txt").Order(StringComparer.Ordinal))
        {
            foreach (var name in TranscriptCase.Parse(File.ReadAllText(file)).Select(c => c.Name))
            {
                data.Add($"{Path.GetFileNameWithoutExtension(file)}/{name}");
            }
        }

        return data;
    }

    [Fact]
    public void There_are_at_least_60_conversations_covering_the_three_languages()
    {
        var all = Directory.EnumerateFiles(Folder, "*.txt").SelectMany(f => TranscriptCase.Parse(File.ReadAllText(f))).ToList();
        Assert.True(all.Count >= 60, $"only {all.Count} transcript conversations");
        foreach (var language in new[] { "en", "ur", "ur-Latn" })
        {
            Assert.Contains(all, c => c.Lines.Any(l => l.StartsWith("= language " + language, StringComparison.Ordinal)));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Conversation(string id)
    {
        var (file, name) = (id[..id.IndexOf('/', StringComparison.Ordinal)], id[(id.IndexOf('/', StringComparison.Ordinal) + 1)..]);
        var transcript = TranscriptCase.Parse(File.ReadAllText(Path.Combine(Folder, file + ".txt"))).Single(c => c.Name == name);
        await new Run(transcript).ExecuteAsync();
    }

    private sealed partial class Run(TranscriptCase transcript)
    {
        private readonly Dictionary<string, LoadView> _loads = new(StringComparer.Ordinal);
        private readonly Dictionary<string, PakLoad.Core.Bids.BidView> _bids = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Party> _parties = new(StringComparer.Ordinal);
        private EngineHarness _h = null!;
        private Channel _channel = Channel.WhatsApp;
        private PhoneNumber _phone = PhoneNumber.FromE164("+923001110001");
        private TurnResult? _last;
        private InboundMessage? _lastMessage;
        private int _lineNumber;

        public async Task ExecuteAsync()
        {
            var now = transcript.Lines.FirstOrDefault(l => l.StartsWith("now:", StringComparison.Ordinal)) is { } n
                ? DateTimeOffset.Parse(n[4..].Trim() + " +05:00", CultureInfo.InvariantCulture)
                : (DateTimeOffset?)null;
            await using var harness = new EngineHarness(now);
            _h = harness;
            foreach (var line in transcript.Lines)
            {
                _lineNumber++;
                try
                {
                    await StepAsync(line);
                }
                catch (Xunit.Sdk.XunitException ex)
                {
                    throw new Xunit.Sdk.XunitException($"{transcript.Name}, line {_lineNumber} '{line}' (after '{_lastMessage?.Text ?? _lastMessage?.ButtonId}', prompts [{string.Join(", ", _last?.PromptKeys ?? [])}]): {ex.Message}");
                }
                catch (Exception ex)
                {
                    throw new InvalidOperationException($"{transcript.Name}, line '{line}': {ex.Message}", ex);
                }
            }
        }

        private async Task StepAsync(string line)
        {
            if (line.StartsWith("channel:", StringComparison.Ordinal))
            {
                _channel = Enum.Parse<Channel>(line[8..].Trim(), ignoreCase: true);
            }
            else if (line.StartsWith("phone:", StringComparison.Ordinal))
            {
                _phone = PhoneNumber.Parse(line[6..].Trim()).ValueOrThrow();
            }
            else if (line.StartsWith("now:", StringComparison.Ordinal))
            {
                // read before the run starts
            }
            else if (line.StartsWith("given:", StringComparison.Ordinal))
            {
                await GivenAsync(line[6..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
            else if (line.StartsWith("> ", StringComparison.Ordinal) || line == ">")
            {
                await SendAsync(line.Length > 2 ? line[2..] : string.Empty);
            }
            else if (line.StartsWith("< ", StringComparison.Ordinal))
            {
                var keys = _last!.PromptKeys.ToList();
                var position = -1;
                foreach (var expected in line[2..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var at = keys.FindIndex(position + 1, k => k == Qualify(expected));
                    Assert.True(at > position, $"{transcript.Name}: expected prompt '{expected}' (in order) after '{_lastMessage?.Text}', got [{string.Join(", ", keys)}]");
                    position = at;
                }
            }
            else if (line.StartsWith("!< ", StringComparison.Ordinal))
            {
                Assert.DoesNotContain(Qualify(line[3..].Trim()), _last!.PromptKeys);
            }
            else if (line.StartsWith("~ ", StringComparison.Ordinal))
            {
                var rendered = EngineHarness.Render(_last!, _channel == Channel.Ussd ? "ussd" : null);
                Assert.True(rendered.Contains(Substitute(line[2..]), StringComparison.Ordinal), $"{transcript.Name}: '{line[2..]}' not in:\n{rendered}");
            }
            else if (line.StartsWith("= ", StringComparison.Ordinal))
            {
                await CheckAsync(line[2..].Split(' ', 2, StringSplitOptions.RemoveEmptyEntries));
            }
            else if (line.StartsWith("+ ", StringComparison.Ordinal))
            {
                var span = line[2..].Trim();
                var amount = int.Parse(span[..^1], CultureInfo.InvariantCulture);
                _h.Clock.Advance(span[^1] switch { 'm' => TimeSpan.FromMinutes(amount), 'h' => TimeSpan.FromHours(amount), _ => TimeSpan.FromDays(amount) });
            }
            else if (line == "restart")
            {
                _h.RestartFromSnapshot();
            }
            else
            {
                throw new InvalidOperationException($"Unknown transcript line '{line}'.");
            }
        }

        private static string Qualify(string key) => key.StartsWith("chat.", StringComparison.Ordinal) || key.StartsWith("errors.", StringComparison.Ordinal) ? key : "chat." + key;

        private async Task SendAsync(string text)
        {
            InboundMessage message;
            var marker = MarkerPattern().Match(text);
            if (text == "[again]")
            {
                message = _lastMessage!;
            }
            else if (marker.Success)
            {
                var kind = marker.Groups[1].Value;
                var value = marker.Groups[2].Value;
                message = kind switch
                {
                    "button" => new InboundMessage(_channel, _phone, _h.NextId(), InboundKind.Button, null, value),
                    "location" => new InboundMessage(_channel, _phone, _h.NextId(), InboundKind.Location, null, null, ParsePoint(value)),
                    "voice" => new InboundMessage(_channel, _phone, _h.NextId(), InboundKind.Voice, null, null, null, "media-1"),
                    "image" => new InboundMessage(_channel, _phone, _h.NextId(), InboundKind.Image, null, null, null, "media-2"),
                    _ => throw new InvalidOperationException($"Unknown marker {kind}."),
                };
            }
            else
            {
                message = InboundMessage.TextFrom(_channel, _phone, _h.NextId(), Substitute(text));
            }

            _lastMessage = message;
            _last = await _h.SendAsync(message);
        }

        private static GeoPoint ParsePoint(string value)
        {
            var parts = value.Split(',');
            return new GeoPoint(double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
        }

        private string Substitute(string text) => VariablePattern().Replace(text, m =>
        {
            var name = m.Groups[1].Value;
            if (name.StartsWith("CODE_", StringComparison.Ordinal))
            {
                return _h.DeliveryCodeAsync(_loads[name[5..]].Id).GetAwaiter().GetResult();
            }

            return _loads.TryGetValue(name, out var load) ? $"PK{load.Reference.ToString(CultureInfo.InvariantCulture)}" : m.Value;
        });

        private async Task GivenAsync(string[] w)
        {
            switch (w[0])
            {
                case "shipper" or "carrier" or "broker":
                    _parties["me"] = await _h.RegisterAsync(_phone, w[1], Enum.Parse<PartyRole>(w[0], true), LanguageCodes.Parse(w[2]).ValueOrThrow(), w.Length > 3 ? w[3] : null);
                    break;
                case "party":
                    var phone = PhoneNumber.Parse(w[1]).ValueOrThrow();
                    _parties[w[1]] = await _h.RegisterAsync(phone, w[3], Enum.Parse<PartyRole>(w[2], true), LanguageCodes.Parse(w[4]).ValueOrThrow(), w.Length > 5 ? w[5] : null);
                    break;
                case "load":
                    // load L1 by <phone|me> <from> <to> <kg> <days ahead> [price]
                    _loads[w[1]] = await _h.PostLoadAsync(Party(w[3]), w[4], w[5], int.Parse(w[6], CultureInfo.InvariantCulture), int.Parse(w[7], CultureInfo.InvariantCulture), w.Length > 8 ? long.Parse(w[8], CultureInfo.InvariantCulture) : null);
                    break;
                case "bid":
                    // bid B1 on L1 by <phone|me> <rupees>
                    _bids[w[1]] = await _h.PlaceBidAsync(Party(w[5]), _loads[w[3]].Id, long.Parse(w[6], CultureInfo.InvariantCulture));
                    break;
                case "counter":
                    // counter B1 by <phone|me> <rupees>
                    _bids[w[1]] = await _h.CounterAsync(Party(w[3]), _bids[w[1]].Id, long.Parse(w[4], CultureInfo.InvariantCulture));
                    break;
                case "booking":
                    // booking L1 bid B1: the shipper accepts
                    var load = _loads[w[1]];
                    await _h.AcceptAsync(_parties.Values.First(p => p.Id == load.ShipperId), _bids[w[3]].Id);
                    break;
                case "trip":
                    // trip L1 <status>: the carrier reports milestones up to that status
                    var bid = _bids.Values.First(b => b.LoadId == _loads[w[1]].Id);
                    var carrier = _parties.Values.First(p => p.Id == bid.CarrierId);
                    await AdvanceToAsync(carrier, _loads[w[1]].Id, Enum.Parse<TripStatus>(w[2]));
                    break;
                default:
                    throw new InvalidOperationException($"Unknown given '{string.Join(' ', w)}'.");
            }
        }

        private async Task AdvanceToAsync(Party carrier, LoadId load, TripStatus target)
        {
            var steps = new (TripStatus Reached, TripMilestone? Milestone)[]
            {
                (TripStatus.DriverAssigned, null), (TripStatus.AtPickup, TripMilestone.ArriveAtPickup), (TripStatus.Loaded, TripMilestone.Load),
                (TripStatus.InTransit, TripMilestone.Depart), (TripStatus.Arrived, TripMilestone.Arrive),
            };
            await using var db = _h.NewDb();
            var trip = db.Trips.Single(t => t.LoadId == load).Id;
            foreach (var (reached, milestone) in steps)
            {
                if (milestone is null)
                {
                    // An owner-driver: the carrier also holds the driver role and drives the trip itself.
                    await _h.RegisterAsync(carrier.Phone, carrier.Name, PartyRole.Driver, carrier.Language);
                    await _h.AssignDriverAsync(carrier, trip);
                }
                else
                {
                    await _h.AdvanceAsync(carrier, trip, milestone.Value);
                }

                if (reached == target)
                {
                    return;
                }
            }
        }

        private Party Party(string who) => who == "me" ? _parties["me"] : _parties[PhoneNumber.Parse(who).ValueOrThrow().E164 is var e && _parties.ContainsKey(who) ? who : e];

        private async Task CheckAsync(string[] check)
        {
            var what = check[0];
            var expected = check.Length > 1 ? check[1].Trim() : string.Empty;
            var session = await _h.SessionAsync(_channel, _phone);
            switch (what)
            {
                case "step":
                    Assert.Equal(expected, session!.Step.ToString());
                    break;
                case "language":
                    Assert.Equal(expected, _last!.Language.ToCode());
                    break;
                case "duplicate":
                    Assert.True(_last!.Duplicate, "the turn was not recognised as a duplicate");
                    Assert.Empty(_last.Prompts);
                    break;
                case "uses":
                    Assert.Contains(expected, _last!.UseCases);
                    break;
                case "nouse":
                    Assert.DoesNotContain(expected, _last!.UseCases);
                    break;
                case "count":
                    var parts = expected.Split(' ');
                    Assert.Equal(int.Parse(parts[1], CultureInfo.InvariantCulture), await _h.CountAsync(parts[0]));
                    break;
                case "trip":
                    var t = expected.Split(' ');
                    Assert.Equal(Enum.Parse<TripStatus>(t[1]), await _h.TripStatusAsync(_loads[t[0]].Id));
                    break;
                case "noslots":
                    Assert.Empty(session!.Slots);
                    break;
                case "gsm7":
                    var rendered = EngineHarness.Render(_last!, _channel == Channel.Ussd ? "ussd" : null);
                    Assert.True(Gsm7.IsGsm7(rendered) == bool.Parse(expected), $"GSM-7 {expected} expected for:\n{rendered}");
                    break;
                case "maxlength":
                    var text = EngineHarness.Render(_last!, _channel == Channel.Ussd ? "ussd" : null).TrimEnd();
                    Assert.True(text.Length <= int.Parse(expected, CultureInfo.InvariantCulture), $"{text.Length} characters:\n{text}");
                    break;
                default:
                    if (what.StartsWith("slot.", StringComparison.Ordinal))
                    {
                        var slot = what[5..];
                        if (expected == "-")
                        {
                            Assert.False(session!.Slots.ContainsKey(slot), $"slot {slot} should be empty, is {session.Slot(slot)}");
                        }
                        else
                        {
                            Assert.Equal(expected, session!.Slot(slot));
                        }

                        break;
                    }

                    throw new InvalidOperationException($"Unknown check '{what}'.");
            }
        }

        [GeneratedRegex(@"^\[(button|location|voice|image)(?::([^\]]*))?\]$")]
        private static partial Regex MarkerPattern();

        [GeneratedRegex(@"\$([A-Z][A-Z0-9_]*)")]
        private static partial Regex VariablePattern();
    }
}

/// <summary>One "=== name" block of a transcript file: its lines, comments and blanks removed.</summary>
public sealed record TranscriptCase(string Name, IReadOnlyList<string> Lines)
{
    public static IReadOnlyList<TranscriptCase> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cases = new List<TranscriptCase>();
        string? name = null;
        var lines = new List<string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("=== ", StringComparison.Ordinal))
            {
                if (name is not null)
                {
                    cases.Add(new TranscriptCase(name, lines));
                }

                name = line[4..].Trim();
                lines = [];
            }
            else if (name is not null && line.Trim().Length > 0 && !line.StartsWith('#'))
            {
                lines.Add(line.Trim());
            }
        }

        if (name is not null)
        {
            cases.Add(new TranscriptCase(name, lines));
        }

        return cases;
    }
}
