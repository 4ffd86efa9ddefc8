using System.Globalization;
using PakLoad.Core.Common;
using PakLoad.Core.Parties;
using PakLoad.Core.Places;
using PakLoad.Core.Vehicles;

namespace PakLoad.Core.Loads;

/// <summary>What a shipper posts: a point on the map resolved to a gazetteer city (for city filters) plus the exact pin.</summary>
public sealed record LoadPoint(PlaceId City, GeoPoint Point);

/// <summary>The fields of a load a shipper chooses; validated by <see cref="Load.Post"/> and <see cref="Load.Edit"/>.</summary>
public sealed record LoadDetails(
    LoadPoint Origin,
    LoadPoint Destination,
    DateOnly PickupFrom,
    DateOnly PickupTo,
    string Commodity,
    decimal WeightAmount,
    WeightUnit WeightUnit,
    VehicleClass VehicleClass,
    BodyType? Body,
    RateMode RateMode,
    Money? TargetPrice,
    string ConsigneeName,
    PhoneNumber ConsigneePhone,
    string? Notes,
    LoadVisibility Visibility);

/// <summary>A shipment looking for a truck. Open until booked, cancelled or past its pickup window.</summary>
public sealed class Load
{
    public const int MaxCommodityLength = 80;
    public const int MaxNotesLength = 500;
    public const int MaxPickupDaysAhead = 60;

    private Load()
    {
    }

    public LoadId Id { get; private set; }

    public PartyId ShipperId { get; private set; }

    public PlaceId OriginCity { get; private set; }

    public double OriginLatitude { get; private set; }

    public double OriginLongitude { get; private set; }

    public PlaceId DestinationCity { get; private set; }

    public double DestinationLatitude { get; private set; }

    public double DestinationLongitude { get; private set; }

    public DateOnly PickupFrom { get; private set; }

    public DateOnly PickupTo { get; private set; }

    public string Commodity { get; private set; } = string.Empty;

    public int WeightKg { get; private set; }

    /// <summary>The amount as the shipper typed it, in <see cref="WeightUnit"/>, to show it back the same way.</summary>
    public decimal WeightEntered { get; private set; }

    public WeightUnit WeightUnit { get; private set; }

    public VehicleClassId VehicleClass { get; private set; }

    public BodyTypeId? Body { get; private set; }

    public RateMode RateMode { get; private set; }

    public Money? TargetPrice { get; private set; }

    public string ConsigneeName { get; private set; } = string.Empty;

    public PhoneNumber ConsigneePhone { get; private set; } = null!;

    public string? Notes { get; private set; }

    public LoadVisibility Visibility { get; private set; }

    public LoadStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>When the load leaves the board unbooked: the end of the last pickup day, Karachi time.</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>Optimistic concurrency: every change bumps it, so two racing writers cannot both win.</summary>
    public int Version { get; private set; }

    /// <summary>
    /// A short number people can say and type ("PK4821937"), derived from the id. Not unique by construction
    /// (7 digits over every load ever posted): a lookup among open loads that finds two asks which one.
    /// </summary>
    public int Reference { get; private set; }

    public static int ReferenceOf(LoadId id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.Value.TryWriteBytes(bytes);
        var tail = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes[12..]);
        return (int)(tail % 9_000_000) + 1_000_000;
    }

    public LoadPoint Origin => new(OriginCity, new GeoPoint(OriginLatitude, OriginLongitude));

    public LoadPoint Destination => new(DestinationCity, new GeoPoint(DestinationLatitude, DestinationLongitude));

    public static Result<Load> Post(PartyId shipper, LoadDetails details, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(clock);
        var load = new Load
        {
            Id = LoadId.New(clock),
            ShipperId = shipper,
            Status = LoadStatus.Open,
            CreatedAt = clock.GetUtcNow(),
        };
        load.Reference = ReferenceOf(load.Id);
        var applied = load.Apply(details, clock);
        return applied is null ? load : applied;
    }

    /// <summary>Changes the details of an open load; the same rules as posting apply.</summary>
    public Result<Load> Edit(LoadDetails details, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(clock);
        if (Status != LoadStatus.Open)
        {
            return NotOpen();
        }

        var applied = Apply(details, clock);
        if (applied is not null)
        {
            return applied;
        }

        Touch(clock);
        return this;
    }

    public Result<Load> Cancel(TimeProvider clock) => Move(LoadStatus.Cancelled, clock);

    /// <summary>Books an open load; a load whose pickup window has passed cannot be booked, even before the expiry job runs.</summary>
    public Result<Load> MarkBooked(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return WhyNotOpen(clock.GetUtcNow()) is { } closed ? closed : Move(LoadStatus.Booked, clock);
    }

    /// <summary>
    /// Null while the load takes bids and bookings (open and inside its pickup window); otherwise why not. A load
    /// past its window reads as expired even before <see cref="Expire"/> has run.
    /// </summary>
    public Error? WhyNotOpen(DateTimeOffset now) => Status switch
    {
        LoadStatus.Open when now >= ExpiresAt => Error.Of("errors.load.not_open", ("status", "expired")),
        LoadStatus.Open => null,
        LoadStatus.Booked or LoadStatus.Cancelled or LoadStatus.Expired => NotOpen(),
    };

    public bool IsOwnedBy(PartyId party) => ShipperId == party;

    /// <summary>
    /// Whether <paramref name="party"/> may know this load exists from the board: its shipper always, anyone else
    /// while it is public and open. (The booked carrier also sees it; that needs the booking, see GetLoad.)
    /// </summary>
    public bool IsOnBoardFor(PartyId party) =>
        IsOwnedBy(party) || (Status == LoadStatus.Open && Visibility == LoadVisibility.Public);

    /// <summary>Takes an unbooked load off the board once its pickup window has passed.</summary>
    public Result<Load> Expire(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return clock.GetUtcNow() < ExpiresAt ? Error.Of("errors.load.not_expired") : Move(LoadStatus.Expired, clock);
    }

    private Result<Load> Move(LoadStatus to, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var allowed = Status switch
        {
            LoadStatus.Open => to is LoadStatus.Booked or LoadStatus.Cancelled or LoadStatus.Expired,
            LoadStatus.Booked or LoadStatus.Cancelled or LoadStatus.Expired => false,
        };
        if (!allowed)
        {
            return NotOpen();
        }

        Status = to;
        Touch(clock);
        return this;
    }

    private Error NotOpen() => Error.Of("errors.load.not_open", ("status", Status.ToString().ToLowerInvariant()));

    private void Touch(TimeProvider clock)
    {
        UpdatedAt = clock.GetUtcNow();
        Version++;
    }

    /// <summary>Validates and applies details; returns the first error, or null when everything was applied.</summary>
    private Error? Apply(LoadDetails d, TimeProvider clock)
    {
        var today = PakistanTime.Today(clock);
        var commodity = (d.Commodity ?? string.Empty).Trim();
        var notes = string.IsNullOrWhiteSpace(d.Notes) ? null : d.Notes.Trim();
        var consignee = (d.ConsigneeName ?? string.Empty).Trim();
        var weight = Weight.ToKg(d.WeightAmount, d.WeightUnit);

        Error? error = null;
        if (d.Origin.City == d.Destination.City && d.Origin.Point.DistanceKmTo(d.Destination.Point) < 1)
        {
            error = Error.Of("errors.load.same_place");
        }
        else if (!GeoPoint.IsValid(d.Origin.Point.Latitude, d.Origin.Point.Longitude)
                 || !GeoPoint.IsValid(d.Destination.Point.Latitude, d.Destination.Point.Longitude))
        {
            error = Error.Of("errors.load.location_invalid");
        }
        else if (d.PickupFrom < today)
        {
            error = Error.Of("errors.load.pickup_past", ("date", d.PickupFrom.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)));
        }
        else if (d.PickupTo < d.PickupFrom || d.PickupTo > today.AddDays(MaxPickupDaysAhead))
        {
            error = Error.Of("errors.load.pickup_window", ("days", MaxPickupDaysAhead.ToString(CultureInfo.InvariantCulture)));
        }
        else if (commodity.Length == 0 || commodity.Length > MaxCommodityLength || commodity.Any(char.IsControl))
        {
            error = Error.Of("errors.load.commodity_invalid", ("max", MaxCommodityLength.ToString(CultureInfo.InvariantCulture)));
        }
        else if (!weight.IsSuccess)
        {
            error = weight.Error;
        }
        else if (!d.VehicleClass.CanCarry(weight.Value))
        {
            // The overload guard: axle-load limits are enforced at 210 weigh stations; an overweight truck is sent back.
            error = Error.Of(
                "errors.load.overweight",
                ("weight", weight.Value.ToString(CultureInfo.InvariantCulture)),
                ("limit", d.VehicleClass.MaxPayloadKg.ToString(CultureInfo.InvariantCulture)),
                ("vehicle", d.VehicleClass.Id.Value));
        }
        else if (d.RateMode == RateMode.Fixed && d.TargetPrice is null)
        {
            error = Error.Of("errors.load.price_required");
        }
        else if (d.TargetPrice is { } price && (price.Paisa <= 0 || price > Money.MaxUserAmount))
        {
            error = Error.Of("errors.load.price_invalid");
        }
        else if (consignee.Length == 0 || consignee.Length > Party.MaxNameLength || consignee.Any(char.IsControl))
        {
            error = Error.Of("errors.load.consignee_invalid");
        }
        else if (notes is { Length: > MaxNotesLength } || (notes?.Any(c => char.IsControl(c) && c is not '\n') ?? false))
        {
            error = Error.Of("errors.load.notes_invalid", ("max", MaxNotesLength.ToString(CultureInfo.InvariantCulture)));
        }

        if (error is not null)
        {
            return error;
        }

        (OriginCity, OriginLatitude, OriginLongitude) = (d.Origin.City, d.Origin.Point.Latitude, d.Origin.Point.Longitude);
        (DestinationCity, DestinationLatitude, DestinationLongitude) = (d.Destination.City, d.Destination.Point.Latitude, d.Destination.Point.Longitude);
        // In UTC: the instant is the same, and PostgreSQL's timestamptz accepts only a zero offset.
        (PickupFrom, PickupTo, ExpiresAt) = (d.PickupFrom, d.PickupTo, PakistanTime.EndOf(d.PickupTo).ToUniversalTime());
        (Commodity, WeightKg, WeightEntered, WeightUnit) = (commodity, weight.Value, d.WeightAmount, d.WeightUnit);
        (VehicleClass, Body) = (d.VehicleClass.Id, d.Body?.Id);
        (RateMode, TargetPrice, Visibility) = (d.RateMode, d.TargetPrice, d.Visibility);
        (ConsigneeName, ConsigneePhone, Notes) = (consignee, d.ConsigneePhone, notes);
        UpdatedAt = clock.GetUtcNow();
        return null;
    }
}
