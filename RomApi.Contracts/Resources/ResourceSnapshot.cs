using System.Text.Json.Serialization;

namespace RomApi.Contracts.Resources;

/// <summary>
/// A resource as it is after a change, carried by the change feed to the services that keep copies (search). It has every
/// property of the public view (the resource service's ApiResourceDto), with the same names and JSON; a test fails when the two
/// drift. Enumerations travel as their UPPER_CASE names, so a reader built before a new value was added still reads the event.
/// </summary>
public sealed record ResourceSnapshot(
    Guid Id,
    string? ExternalId,
    Guid? UserId,
    string Name,
    string Slug,
    string? Description,
    string ResourceType,
    Guid? CategoryId,
    CategorySnapshot? Category,
    AddressSnapshot Address,
    ContactSnapshot Contact,
    string Status,
    string Plan,
    bool Verified,
    SeoSnapshot Seo,
    IReadOnlyList<HoursSnapshot> Hours,
    IReadOnlyList<ImageSnapshot> Images,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? PublishedAt)
{
    /// <summary>The status of a resource the public may see (once published).</summary>
    public const string ActiveStatus = "ACTIVE";

    /// <summary>ACTIVE and published: what search shows. Not part of the JSON.</summary>
    [JsonIgnore]
    public bool IsPublic => Status == ActiveStatus && PublishedAt is not null;
}

public sealed record CategorySnapshot(Guid Id, string Name, string Slug);

public sealed record AddressSnapshot(
    string? AddressLine1, string? AddressLine2, string? City, string? Region, string? PostalCode, string Country, double? Latitude, double? Longitude);

public sealed record ContactSnapshot(string? Phone, string? Email, string? Website);

public sealed record SeoSnapshot(string? MetaTitle, string? MetaDescription);

/// <summary>One day of opening hours; times "HH:mm", null when closed.</summary>
public sealed record HoursSnapshot(int DayOfWeek, string? OpenTime, string? CloseTime, bool IsClosed);

public sealed record ImageSnapshot(Guid Id, string Url, string? AltText, bool IsPrimary, int OrderIndex, DateTimeOffset CreatedAt);
