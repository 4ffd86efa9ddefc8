using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PakLoad.Channels.Inbox;
using PakLoad.Channels.WhatsApp;
using PakLoad.Conversations.Engine;
using PakLoad.Core.Auth;
using PakLoad.Core.Common;
using PakLoad.Core.Data;
using PakLoad.Core.Localization;
using PakLoad.Core.Notifications;
using PakLoad.Core.Parties;

namespace PakLoad.Api.Channels;

/// <summary>
/// A WhatsApp username user writes with only Meta's business-scoped user id (BSUID), from a phone we never saw.
/// PakLoad is keyed by phone (parties, sessions, SMS, proof of delivery), so the user is asked for their mobile
/// number, gets a code on it by SMS, and types the code back here: the SIM is in their hand, the BSUID is linked to
/// that phone (<see cref="ChannelContactRecord.WhatsAppUserId"/>), and from then on their messages are answered as
/// that phone (the webhook looks the BSUID up). Until then every reply goes to the BSUID (Meta's
/// <c>recipient</c> field). Codes are 6 digits from a CSPRNG, hashed with the phone and the BSUID, single use,
/// 5 tries, 10 minutes; at most 3 codes per 15 minutes per BSUID and per phone.
/// </summary>
internal sealed class WhatsAppLinker(
    WhatsAppRenderer renderer,
    LocaleCatalog locales,
    CodeHasher hasher,
    TimeProvider clock)
{
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public const int MaxCodesPerWindow = 3;
    public const int MaxAttempts = 5;

    /// <summary>One inbound message from an unlinked BSUID: the replies to send to it, in order.</summary>
    public async Task<IReadOnlyList<WhatsAppMessage>> HandleAsync(
        PakLoadDbContext db, ConversationEngine engine, InboundEnvelope envelope, string userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(envelope);
        var text = (envelope.Text ?? string.Empty).Trim();
        var language = text.Any(c => char.IsLetter(c) && c is >= '\u0600' and <= '\u06FF') ? Language.Ur : Language.UrLatn;
        var now = clock.GetUtcNow();

        // Urdu digits (۱۲۳) and the direction marks a right-to-left keyboard adds are folded first.
        var folded = string.Concat(TextFold.CleanIdentifier(text).Where(c => !char.IsWhiteSpace(c)));
        if (folded.Length == 6 && folded.All(char.IsAsciiDigit))
        {
            return await VerifyAsync(db, engine, userId, folded, language, now, ct);
        }

        if (PhoneNumber.Parse(text) is { IsSuccess: true } parsed)
        {
            return [await SendCodeAsync(db, userId, parsed.Value!, language, now, ct)];
        }

        return [Say("chat.link.phone_needed", language)];
    }

    private async Task<WhatsAppMessage> SendCodeAsync(
        PakLoadDbContext db, string userId, PhoneNumber phone, Language language, DateTimeOffset now, CancellationToken ct)
    {
        var since = now - Window;
        var recent = await db.WhatsAppLinkCodes.AsNoTracking()
            .Where(c => (c.WhatsAppUserId == userId || c.Phone == phone.E164) && c.CreatedAt > since)
            .Select(c => new { c.WhatsAppUserId, c.Phone, c.CreatedAt })
            .ToListAsync(ct);
        var byUser = recent.Where(c => c.WhatsAppUserId == userId).Select(c => c.CreatedAt).Order().ToList();
        var byPhone = recent.Where(c => c.Phone == phone.E164).Select(c => c.CreatedAt).Order().ToList();
        if (byUser.Count >= MaxCodesPerWindow || byPhone.Count >= MaxCodesPerWindow)
        {
            var oldest = byUser.Count >= MaxCodesPerWindow ? byUser[^MaxCodesPerWindow] : byPhone[^MaxCodesPerWindow];
            var minutes = Math.Max(1, (int)Math.Ceiling((oldest + Window - now).TotalMinutes));
            return Say("chat.link.wait", language, ("minutes", minutes.ToString(CultureInfo.InvariantCulture)));
        }

        var code = Secrets.NewCode();
        var record = new WhatsAppLinkCodeRecord
        {
            WhatsAppUserId = userId,
            Phone = phone.E164,
            CodeHash = hasher.Hash(phone, code, Purpose(userId)),
            CreatedAt = now,
            ExpiresAt = now + CodeLifetime,
        };
        db.WhatsAppLinkCodes.Add(record);
        db.Outbox.Add(OutboxMessage.ToPhone(
            phone, "notifications.whatsapp.link_code", $"whatsapp-link:{userId}:{now.UtcTicks}", clock, ("code", code)));
        return Say("chat.link.code_sent", language, ("phone", phone.E164));
    }

    private async Task<IReadOnlyList<WhatsAppMessage>> VerifyAsync(
        PakLoadDbContext db, ConversationEngine engine, string userId, string code, Language language, DateTimeOffset now, CancellationToken ct)
    {
        var pending = await db.WhatsAppLinkCodes
            .Where(c => c.WhatsAppUserId == userId && c.ConsumedAt == null)
            .OrderByDescending(c => c.CreatedAt)
            .FirstOrDefaultAsync(ct);
        if (pending is null || pending.ExpiresAt <= now || pending.Attempts >= MaxAttempts)
        {
            return [Say("chat.link.code_wrong", language)];
        }

        var phone = PhoneNumber.FromE164(pending.Phone);
        if (!hasher.Matches(phone, code, Purpose(userId), pending.CodeHash))
        {
            pending.Attempts++;
            return [Say("chat.link.code_wrong", language)];
        }

        pending.ConsumedAt = now;
        var contact = await db.ChannelContacts.FindAsync([phone.E164], ct);
        if (contact is null)
        {
            db.ChannelContacts.Add(new ChannelContactRecord { Phone = phone.E164, LastWhatsAppInboundAt = now, WhatsAppUserId = userId });
        }
        else
        {
            contact.WhatsAppUserId = userId;
            contact.LastWhatsAppInboundAt = now;
        }

        // Linked: the conversation starts as that phone (the menu, or the question a draft was waiting on). The
        // greeting's id is new on every attempt: if this transaction dies after the phone's cached session took the
        // greeting as seen, the retry (which forgets only the BSUID's cache entry) still gets its answer.
        var turn = await engine.HandleAsync(
            InboundMessage.TextFrom(Channel.WhatsApp, phone, $"whatsapp-link:{pending.Id}:{Guid.CreateVersion7():N}", "hi"), ct);
        return [Say("chat.link.linked", language, ("phone", phone.E164)), .. renderer.Render(turn.Prompts, turn.Language)];
    }

    private static string Purpose(string userId) => $"whatsapp-link:{userId}";

    private WhatsAppText Say(string key, Language language, params (string Name, string Value)[] args) =>
        new(locales.Format(key, language, args));
}
