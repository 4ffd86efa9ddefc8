using PakLoad.Core.Common;
using PakLoad.Core.Vehicles;

namespace PakLoad.Conversations.Language;

/// <summary>The vehicle class and body type named in a message, each with the tokens it came from.</summary>
public readonly record struct VehicleReading(VehicleClassId? Class, TokenSpan ClassSpan, BodyTypeId? Body, TokenSpan BodySpan)
{
    public static VehicleReading None { get; } = new(null, default, null, default);

    public bool IsFound => Class is not null || Body is not null;
}

/// <summary>
/// Finds the first vehicle class ("22 wheeler", "bais wheeler", "40 ft container", "mazda", "بائیس ویلر") and
/// the first body type ("dala", "container", "ڈالا") in a message, by every spelling of the
/// <see cref="VehicleCatalogue"/>, folded like <see cref="TextFold.Key"/> and matched longest-first, so
/// "40 feet container" is the class and not the body "container". Exact spellings only: vehicle aliases are
/// short and close to each other ("6 wheel", "10 wheel"), so a fuzzy match would guess.
/// </summary>
public sealed class VehicleInterpreter
{
    private readonly PhraseIndex<VehicleClassId> _classes;
    private readonly PhraseIndex<BodyTypeId> _bodies;

    public VehicleInterpreter(VehicleCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var classes = catalogue.Classes
            .SelectMany(c => new[] { c.Id.Value, c.NameEn, c.NameUr, c.NameUrLatn }.Concat(c.Aliases).Select(s => (Spelling: s, c.Id)))
            .ToArray();
        var bodies = catalogue.Bodies
            .SelectMany(b => new[] { b.Id.Value, b.NameEn, b.NameUr, b.NameUrLatn }.Concat(b.Aliases).Select(s => (Spelling: s, b.Id)))
            .ToArray();
        _classes = PhraseIndex<VehicleClassId>.Build(classes, joinWithSpace: false, classes.Select(c => (TextFold.Key(c.Spelling), c.Id)));
        _bodies = PhraseIndex<BodyTypeId>.Build(bodies, joinWithSpace: false, bodies.Select(b => (TextFold.Key(b.Spelling), b.Id)));
    }

    public static VehicleInterpreter Default { get; } = new(VehicleCatalogue.Default);

    public VehicleReading Interpret(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        VehicleClassId? vehicleClass = null;
        BodyTypeId? body = null;
        TokenSpan classSpan = default;
        TokenSpan bodySpan = default;
        for (var i = 0; i < tokens.Count && (vehicleClass is null || body is null); i++)
        {
            VehicleClassId c = default;
            BodyTypeId b = default;
            var classLength = 0;
            var bodyLength = 0;
            var classFound = vehicleClass is null && _classes.TryMatch(tokens, i, out c, out classLength);
            var bodyFound = body is null && _bodies.TryMatch(tokens, i, out b, out bodyLength);
            if (classFound && classLength >= bodyLength)
            {
                vehicleClass = c;
                classSpan = new TokenSpan(i, classLength);
                i += classLength - 1;
            }
            else if (bodyFound)
            {
                body = b;
                bodySpan = new TokenSpan(i, bodyLength);
                i += bodyLength - 1;
            }
        }

        return new VehicleReading(vehicleClass, classSpan, body, bodySpan);
    }
}
