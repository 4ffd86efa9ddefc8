using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Capacity;
using PakLoad.Core.Common;
using PakLoad.Core.Loads;
using PakLoad.Core.Localization;
using PakLoad.Core.Notifications;
using PakLoad.Core.Parties;
using PakLoad.Core.Places;
using PakLoad.Core.Vehicles;

namespace PakLoad.Core.Matching;

/// <summary>
/// Tells the best-matched carriers about a load (after it is posted or edited). Each carrier hears about a load at
/// most once (unique match notice per load and carrier), at most <see cref="MatchingOptions.PerCarrierDailyCap"/>
/// loads a Karachi day, and not in quiet hours (held until morning). Returns how many carriers were told or held.
/// </summary>
public sealed record FanOutLoadCommand(LoadId LoadId);

public sealed class FanOutLoadHandler(IPakLoadDb db, MarketIndex index, TimeProvider clock, Gazetteer gazetteer, VehicleCatalogue vehicles, MatchingOptions options)
{
    public async Task<Result<int>> HandleAsync(FanOutLoadCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);

        // Two instances may fan out the same load at once: the unique notice lets one win; the loser tries again without
        // those carriers. Both insert the same notices in an order of their own, so PostgreSQL may instead end one of
        // them as a deadlock victim: that is a conflict too (Npgsql's execution strategy hands it over wrapped in an
        // InvalidOperationException, as a transient failure), and the retry finds the winner's notices.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await FanOutAsync(command.LoadId, ct);
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException && db.IsConflict(ex) && attempt < 2)
            {
                db.DiscardChanges();
            }
        }
    }

    private async Task<Result<int>> FanOutAsync(LoadId loadId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var load = await db.Loads.AsNoTracking().SingleOrDefaultAsync(l => l.Id == loadId, ct);
        if (load is null)
        {
            return Error.Of("errors.not_found");
        }

        if (load.WhyNotOpen(now) is not null || load.Visibility != LoadVisibility.Public || !index.IsReady)
        {
            return 0;
        }

        var matches = index.RankTrucks(LoadSnapshot.Of(load), options.FanOutTop, now)
            .Where(m => m.Score.Total >= options.MinNotifyScore)
            .ToList();
        var carriers = matches.Select(m => m.Truck.CarrierId).ToList();
        if (carriers.Count == 0)
        {
            return 0;
        }

        var told = await db.MatchNotices.Where(n => n.LoadId == load.Id && carriers.Contains(n.CarrierId)).Select(n => n.CarrierId).ToListAsync(ct);
        var counts = await FanOutRules.TodaysCountsAsync(db, carriers, clock, ct);
        var parties = await db.Parties.AsNoTracking().Where(p => carriers.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var hold = FanOutRules.IsQuiet(now, options);
        var written = 0;
        foreach (var match in matches)
        {
            var carrier = match.Truck.CarrierId;
            if (told.Contains(carrier) || counts.GetValueOrDefault(carrier) >= options.PerCarrierDailyCap || !parties.TryGetValue(carrier, out var party))
            {
                continue;
            }

            db.MatchNotices.Add(MatchNotice.Create(load.Id, carrier, match.Truck.Id, match.Score.Total, hold, clock));
            if (!hold)
            {
                db.Outbox.Add(FanOutRules.LoadMessage(party, load, match.Score, match.DistanceKm, gazetteer, vehicles, clock));
            }

            written++;
        }

        await db.SaveChangesAsync(ct);
        return written;
    }
}

/// <summary>
/// A truck went empty: its carrier hears about the best open loads for it in one message (loads the carrier was
/// already told about are left out), under the same caps and quiet hours. Returns how many loads were included.
/// </summary>
public sealed record FanOutTruckCommand(CapacityPostId PostId);

public sealed class FanOutTruckHandler(IPakLoadDb db, MarketIndex index, TimeProvider clock, Gazetteer gazetteer, MatchingOptions options)
{
    /// <summary>Loads named in one message: a WhatsApp list or an SMS has room for about this many.</summary>
    public const int LoadsPerMessage = 3;

    public async Task<Result<int>> HandleAsync(FanOutTruckCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = clock.GetUtcNow();
        var post = await db.CapacityPosts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == command.PostId, ct);
        if (post is null)
        {
            return Error.Of("errors.not_found");
        }

        if (post.Status != CapacityStatus.Open || post.ExpiresAt <= now || !index.IsReady)
        {
            return 0;
        }

        var party = await db.Parties.AsNoTracking().SingleOrDefaultAsync(p => p.Id == post.CarrierId, ct);
        if (party is null)
        {
            return 0;
        }

        var matches = index.RankLoads(TruckSnapshot.Of(post), options.FanOutTop, now).Where(m => m.Score.Total >= options.MinNotifyScore).ToList();
        var ids = matches.Select(m => m.Load.Id).ToList();
        var told = await db.MatchNotices.Where(n => n.CarrierId == post.CarrierId && ids.Contains(n.LoadId)).Select(n => n.LoadId).ToListAsync(ct);
        var room = options.PerCarrierDailyCap - (await FanOutRules.TodaysCountsAsync(db, [post.CarrierId], clock, ct)).GetValueOrDefault(post.CarrierId);
        var fresh = matches.Where(m => !told.Contains(m.Load.Id)).Take(Math.Min(LoadsPerMessage, Math.Max(0, room))).ToList();
        if (fresh.Count == 0)
        {
            return 0;
        }

        var hold = FanOutRules.IsQuiet(now, options);
        foreach (var match in fresh)
        {
            db.MatchNotices.Add(MatchNotice.Create(match.Load.Id, post.CarrierId, post.Id, match.Score.Total, hold, clock));
        }

        if (!hold)
        {
            db.Outbox.Add(FanOutRules.DigestMessage(party, fresh.Select(m => m.Load).ToList(), "match-truck:" + post.Id, gazetteer, clock));
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (db.IsConflict(ex))
        {
            // A load's own fan-out told this carrier first: that message stands, this one is not needed.
            db.DiscardChanges();
            return 0;
        }

        return fresh.Count;
    }
}

/// <summary>
/// When quiet hours end: each carrier with held matches gets one message with the loads that are still open; the
/// rest are dropped. Idempotent: a notice leaves Held once, and the digest's dedupe key names the batch.
/// </summary>
public sealed record ReleaseHeldMatchesCommand;

public sealed class ReleaseHeldMatchesHandler(IPakLoadDb db, TimeProvider clock, Gazetteer gazetteer, MatchingOptions options)
{
    public async Task<Result<int>> HandleAsync(ReleaseHeldMatchesCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = clock.GetUtcNow();
        if (FanOutRules.IsQuiet(now, options))
        {
            return 0;
        }

        var held = await db.MatchNotices.Where(n => n.Status == MatchNoticeStatus.Held).OrderBy(n => n.CreatedAt).Take(5_000).ToListAsync(ct);
        if (held.Count == 0)
        {
            return 0;
        }

        var loadIds = held.Select(n => n.LoadId).Distinct().ToList();
        var loads = await db.Loads.AsNoTracking().Where(l => loadIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, ct);
        var carrierIds = held.Select(n => n.CarrierId).Distinct().ToList();
        var parties = await db.Parties.AsNoTracking().Where(p => carrierIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var sent = 0;
        foreach (var group in held.GroupBy(n => n.CarrierId))
        {
            var open = group
                .Where(n => loads.TryGetValue(n.LoadId, out var l) && l.WhyNotOpen(now) is null)
                .OrderByDescending(n => n.Score)
                .ToList();
            foreach (var notice in group.Except(open))
            {
                notice.Drop();
            }

            if (open.Count == 0 || !parties.TryGetValue(group.Key, out var party))
            {
                continue;
            }

            foreach (var notice in open)
            {
                notice.MarkSent(clock);
            }

            var summaries = open.Take(FanOutTruckHandler.LoadsPerMessage).Select(n => LoadSummary.Of(loads[n.LoadId])).ToList();
            db.Outbox.Add(FanOutRules.DigestMessage(party, summaries, "match-morning:" + open[0].Id, gazetteer, clock, open.Count));
            sent++;
        }

        await db.SaveChangesAsync(ct);
        return sent;
    }
}

internal static class FanOutRules
{
    public static bool IsQuiet(DateTimeOffset now, MatchingOptions options)
    {
        var hour = TimeZoneInfo.ConvertTime(now, PakistanTime.Zone).Hour;
        return options.QuietFromHour > options.QuietToHour
            ? hour >= options.QuietFromHour || hour < options.QuietToHour
            : hour >= options.QuietFromHour && hour < options.QuietToHour;
    }

    public static async Task<Dictionary<PartyId, int>> TodaysCountsAsync(IPakLoadDb db, IReadOnlyCollection<PartyId> carriers, TimeProvider clock, CancellationToken ct)
    {
        var dayStart = PakistanTime.EndOf(PakistanTime.Today(clock).AddDays(-1)).ToUniversalTime();
        return await db.MatchNotices
            .Where(n => carriers.Contains(n.CarrierId) && n.CreatedAt >= dayStart)
            .GroupBy(n => n.CarrierId)
            .Select(g => new { Carrier = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Carrier, x => x.Count, ct);
    }

    public static OutboxMessage LoadMessage(Party party, Load load, MatchScore score, double km, Gazetteer gazetteer, VehicleCatalogue vehicles, TimeProvider clock)
    {
        var reason = score.Reasons.FirstOrDefault() ?? score.Parts[0];
        return OutboxMessage.To(
            party,
            "notifications.match.load",
            $"match:{load.Id}:{party.Id}",
            clock,
            ("route", Routes.Describe(gazetteer, load, party.Language)),
            ("weight", load.WeightKg.ToString(CultureInfo.InvariantCulture)),
            ("vehicle", vehicles.Get(load.VehicleClass).Name(party.Language)),
            ("date", load.PickupFrom.ToString("dd/MM", CultureInfo.InvariantCulture)),
            ("km", Math.Round(km).ToString(CultureInfo.InvariantCulture)),
            ("reason", LocaleCatalog.Default.Format(reason.ReasonKey, party.Language, [.. reason.Args.Select(a => (a.Key, a.Value))])));
    }

    public static OutboxMessage DigestMessage(Party party, IReadOnlyList<LoadSummary> loads, string dedupeKey, Gazetteer gazetteer, TimeProvider clock, int? total = null)
    {
        var lines = string.Join(
            "\n",
            loads.Select(l => LocaleCatalog.Default.Format(
                "notifications.match.line",
                party.Language,
                ("route", $"{Routes.Name(gazetteer, l.Origin.City, party.Language)} - {Routes.Name(gazetteer, l.Destination.City, party.Language)}"),
                ("weight", l.WeightKg.ToString(CultureInfo.InvariantCulture)),
                ("date", l.PickupFrom.ToString("dd/MM", CultureInfo.InvariantCulture)))));
        return OutboxMessage.To(
            party,
            "notifications.match.truck",
            dedupeKey,
            clock,
            ("count", (total ?? loads.Count).ToString(CultureInfo.InvariantCulture)),
            ("loads", lines));
    }
}
