using Microsoft.Extensions.Time.Testing;
using PakLoad.Core.Notifications;
using PakLoad.Core.Parties;

namespace PakLoad.Core.Tests.Notifications;

public sealed class OutboxMessageTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void RedactSecrets_MessageWithACode_BlanksOnlyTheCode()
    {
        var message = OutboxMessage.ToPhone(PhoneNumber.Parse("03001234567").ValueOrThrow(), "notifications.delivery.code", "d:1", _clock, ("code", "123456"), ("origin", "Karachi"));

        message.MarkSent(_clock);
        message.RedactSecrets();

        Assert.Equal("******", message.Arguments["code"]);
        Assert.Equal("Karachi", message.Arguments["origin"]);
        Assert.Equal(OutboxStatus.Sent, message.Status);
    }

    [Fact]
    public void RedactSecrets_MessageWithoutACode_ChangesNothing()
    {
        var message = OutboxMessage.ToPhone(PhoneNumber.Parse("03001234567").ValueOrThrow(), "notifications.bid.expired", "e:1", _clock, ("route", "Karachi - Lahore"));
        var before = message.ArgumentsJson;

        message.RedactSecrets();

        Assert.Equal(before, message.ArgumentsJson);
    }
}
