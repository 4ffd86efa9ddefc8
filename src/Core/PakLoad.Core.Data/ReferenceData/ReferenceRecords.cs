namespace PakLoad.Core.Data.ReferenceData;

/// <summary>A gazetteer city as a table row, so loads can reference places by key and admins can query them.</summary>
public sealed class PlaceRecord
{
    public required string Id { get; set; }

    public required string NameEn { get; set; }

    public required string NameUr { get; set; }

    public required string NameUrLatn { get; set; }

    public required string Province { get; set; }

    public double Latitude { get; set; }

    public double Longitude { get; set; }

    public int? Population { get; set; }
}

public sealed class VehicleClassRecord
{
    public required string Id { get; set; }

    public required string NameEn { get; set; }

    public required string NameUr { get; set; }

    public required string NameUrLatn { get; set; }

    public int Axles { get; set; }

    public int? LegalGvwKg { get; set; }

    public int TypicalPayloadKg { get; set; }

    public int MaxPayloadKg { get; set; }
}

public sealed class BodyTypeRecord
{
    public required string Id { get; set; }

    public required string NameEn { get; set; }

    public required string NameUr { get; set; }

    public required string NameUrLatn { get; set; }
}
