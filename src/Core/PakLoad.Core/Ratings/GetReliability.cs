using Microsoft.EntityFrameworkCore;
using PakLoad.Core.Common;
using PakLoad.Core.Trips;

namespace PakLoad.Core.Ratings;

/// <summary>How a party has done on the exchange: what a shipper checks before booking a carrier, and the reverse.</summary>
public sealed record GetReliabilityQuery(PartyId Party);

/// <summary>How the party's trips on one side of the deal ended (trips still on the road are not counted).</summary>
public sealed record TripOutcomes(int Completed, int Cancelled, int Disputed);

/// <summary><see cref="AverageStars"/> is rounded to one decimal, and null until the first rating.</summary>
public sealed record Reliability(PartyId Party, TripOutcomes AsCarrier, TripOutcomes AsShipper, double? AverageStars, int RatingCount);

public sealed class GetReliabilityHandler(IPakLoadDb db)
{
    public async Task<Result<Reliability>> HandleAsync(GetReliabilityQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var party = query.Party;
        if (!await db.Parties.AnyAsync(p => p.Id == party, ct))
        {
            return Error.Of("errors.not_found");
        }

        var asCarrier = await OutcomesAsync(db.Trips.Where(t => t.CarrierId == party), ct);
        var asShipper = await OutcomesAsync(db.Trips.Where(t => t.ShipperId == party), ct);
        var stars = await db.Ratings
            .Where(r => r.ToPartyId == party)
            .GroupBy(r => r.ToPartyId)
            .Select(g => new { Count = g.Count(), Sum = g.Sum(r => r.Stars) })
            .SingleOrDefaultAsync(ct);

        double? average = stars is { Count: > 0 } ? Math.Round((double)stars.Sum / stars.Count, 1, MidpointRounding.AwayFromZero) : null;
        return new Reliability(party, asCarrier, asShipper, average, stars?.Count ?? 0);
    }

    private static async Task<TripOutcomes> OutcomesAsync(IQueryable<Trip> trips, CancellationToken ct)
    {
        TripStatus[] ended = [TripStatus.Completed, TripStatus.Cancelled, TripStatus.Disputed];
        var counts = await trips
            .Where(t => ended.Contains(t.Status))
            .GroupBy(t => t.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Status, x => x.Count, ct);
        return new TripOutcomes(
            counts.GetValueOrDefault(TripStatus.Completed),
            counts.GetValueOrDefault(TripStatus.Cancelled),
            counts.GetValueOrDefault(TripStatus.Disputed));
    }
}
