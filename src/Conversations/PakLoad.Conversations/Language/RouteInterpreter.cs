using PakLoad.Core.Places;

namespace PakLoad.Conversations.Language;

/// <summary>
/// Origin and destination read from a message. Each side is a <see cref="PlaceMatch"/> (with its token span),
/// so a misspelt city shows as Fuzzy and a tie as Ambiguous; <see cref="Origin"/> / <see cref="Destination"/>
/// are the ids when decided.
/// </summary>
public readonly record struct RouteReading(PlaceMatch OriginMatch, PlaceMatch DestinationMatch)
{
    public static RouteReading None { get; } = new(PlaceMatch.None, PlaceMatch.None);

    public PlaceId? Origin => OriginMatch.Place;

    public PlaceId? Destination => DestinationMatch.Place;

    public bool IsComplete => Origin is not null && Destination is not null;
}

/// <summary>
/// Reads a route from word order in Urdu and English (conversations.md §3.5). Urdu marks a city's role after
/// it ("Karachi se" = from, "Lahore tak / ko / ke liye" = to), English before it ("from Faisalabad", "to
/// Multan"), so "Lahore ke liye Karachi se" is Karachi → Lahore. A city with no marker takes the role left
/// over; two unmarked cities are origin then destination ("Karachi Lahore", "KHI to LHR" reads "to" before
/// LHR). One unmarked city alone is neither: the flow asks which end it is.
/// </summary>
public sealed class RouteInterpreter(PlaceInterpreter places, WordLexicon lexicon)
{
    private readonly PlaceInterpreter _places = places ?? throw new ArgumentNullException(nameof(places));
    private readonly WordLexicon _lexicon = lexicon ?? throw new ArgumentNullException(nameof(lexicon));

    public static RouteInterpreter Default { get; } = new(PlaceInterpreter.Default, WordLexicon.Default);

    public RouteReading Interpret(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var found = _places.FindAll(tokens);
        if (found.Count == 0)
        {
            return RouteReading.None;
        }

        var origin = PlaceMatch.None;
        var destination = PlaceMatch.None;
        var unmarkedFirst = PlaceMatch.None;
        var unmarkedSecond = PlaceMatch.None;
        var previousEnd = 0;
        foreach (var match in found)
        {
            var role = RoleOf(tokens, match.Span, previousEnd);
            previousEnd = match.Span.End;
            if (role == Role.Origin && !origin.IsFound)
            {
                origin = match;
            }
            else if (role == Role.Destination && !destination.IsFound)
            {
                destination = match;
            }
            else if (role == Role.Unmarked && !unmarkedFirst.IsFound)
            {
                unmarkedFirst = match;
            }
            else if (role == Role.Unmarked && !unmarkedSecond.IsFound)
            {
                unmarkedSecond = match;
            }
        }

        if (unmarkedFirst.IsFound && (origin.IsFound || destination.IsFound || unmarkedSecond.IsFound))
        {
            if (!origin.IsFound)
            {
                origin = unmarkedFirst;
                unmarkedFirst = unmarkedSecond;
            }

            if (!destination.IsFound && unmarkedFirst.IsFound)
            {
                destination = unmarkedFirst;
            }
        }

        return new RouteReading(origin, destination);
    }

    private Role RoleOf(IReadOnlyList<string> tokens, TokenSpan span, int previousEnd)
    {
        if (span.End < tokens.Count && _lexicon.RouteMarkers.TryMatch(tokens, span.End, out var after, out _))
        {
            if (after == RouteMarker.OriginAfter)
            {
                return Role.Origin;
            }

            if (after == RouteMarker.DestinationAfter)
            {
                return Role.Destination;
            }
        }

        // An English preposition right before the city (it may not belong to the previous city's span).
        if (span.Start - 1 >= previousEnd && _lexicon.RouteMarkers.TryMatch(tokens, span.Start - 1, out var before, out var length)
            && length == 1)
        {
            if (before == RouteMarker.OriginBefore)
            {
                return Role.Origin;
            }

            if (before == RouteMarker.DestinationBefore)
            {
                return Role.Destination;
            }
        }

        return Role.Unmarked;
    }

    private enum Role
    {
        Unmarked,
        Origin,
        Destination,
    }
}
