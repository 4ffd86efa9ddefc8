using System.Text;
using PakLoad.Core.Common;

namespace PakLoad.Core.DeadLetters;

/// <summary>Which table a dead letter is in: a message a user sent us, or one we failed to send.</summary>
public enum DeadLetterDirection
{
    Inbound,
    Outbound,
}

/// <summary>
/// One dead letter as an admin sees it: never a full phone number (<see cref="MaskedPhone"/>), never a one-time
/// code. <see cref="Text"/> is null when the row carries a secret (<see cref="TextHidden"/>) or has no words.
/// </summary>
public sealed record DeadLetterView(
    long Id,
    DeadLetterDirection Direction,
    string Channel,
    string MaskedPhone,
    DateTimeOffset At,
    int Attempts,
    string? LastError,
    string Kind,
    string? Text,
    bool TextHidden);

/// <summary>What a retry or discard did: <see cref="Changed"/> is false when the row was already in that state.</summary>
public sealed record DeadLetterActionResult(long Id, DeadLetterDirection Direction, bool Changed);

/// <summary>The outcome of one conditional update on a dead-letter row; the database decides races.</summary>
public enum DeadLetterChange
{
    Changed,

    /// <summary>Already what was asked (retry of a pending row, discard of a discarded one): nothing done.</summary>
    Already,

    /// <summary>The row is neither dead nor already in the asked state (answered, sent, discarded, failed for good).</summary>
    NotDead,
    NotFound,
}

/// <summary>The channel tables the dead letters live in; the host implements it (Core cannot see those tables).</summary>
public interface IDeadLetterBox
{
    /// <summary>Dead rows only, newest first, with masked phones and secrets hidden.</summary>
    Task<Paged<DeadLetterView>> ListAsync(DeadLetterDirection? direction, Channel? channel, int page, int pageSize, CancellationToken ct);

    /// <summary>Dead → pending with attempts reset, and the worker told.</summary>
    Task<DeadLetterChange> RetryAsync(DeadLetterDirection direction, long id, CancellationToken ct);

    /// <summary>Dead → discarded, stamped with who and when; the row is kept.</summary>
    Task<DeadLetterChange> DiscardAsync(DeadLetterDirection direction, long id, PartyId admin, DateTimeOffset at, CancellationToken ct);
}

/// <summary>How dead letters are shown: phones and digit runs masked, so a screen or a log never holds a reusable secret.</summary>
public static class DeadLetterMask
{
    public const char Hidden = '•';

    /// <summary>"+923001234567" → "+•••••••••4567": every digit but the last four hidden; empty stays empty.</summary>
    public static string Phone(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return string.Empty;
        }

        var digits = phone.Count(char.IsAsciiDigit);
        var seen = 0;
        var masked = new StringBuilder(phone.Length);
        foreach (var c in phone)
        {
            if (char.IsAsciiDigit(c))
            {
                seen++;
                masked.Append(seen > digits - 4 ? c : Hidden);
            }
            else
            {
                masked.Append(c);
            }
        }

        return masked.ToString();
    }

    /// <summary>
    /// Words a user typed, with every run of four or more digits hidden: a driver types the consignee's delivery
    /// code in chat, and people type phone and CNIC numbers.
    /// </summary>
    public static string UserText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var masked = new StringBuilder(text.Length);
        var run = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && char.IsDigit(text[i]))
            {
                run++;
                continue;
            }

            if (run > 0)
            {
                masked.Append(run >= 4 ? new string(Hidden, run) : text.AsSpan(i - run, run));
                run = 0;
            }

            if (i < text.Length)
            {
                masked.Append(text[i]);
            }
        }

        return masked.ToString();
    }
}
