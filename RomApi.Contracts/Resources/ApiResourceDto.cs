namespace RomApi.Contracts.Resources;

/// <summary>
/// An API resource as the services see it: the public API's answer, the resource service's cache entry and the change feed's
/// snapshot, serialized once per write (<see cref="ContractJson.Serialize"/>). The type names are the public OpenAPI schema
/// names, which is why they keep their Dto suffix.
/// </summary>
public sealed record ApiResourceDto(
    Guid Id,
    string? ExternalId,
    Guid? UserId,
    string Name,
    string Slug,
    string? Description,
    ResourceType ResourceType,
    Guid? CategoryId,
    CategorySummaryDto? Category,
    AddressDto Address,
    ContactDto Contact,
    ResourceStatus Status,
    ResourcePlan Plan,
    bool Verified,
    SeoDto Seo,
    IReadOnlyList<HoursDto> Hours,
    IReadOnlyList<ImageDto> Images,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? PublishedAt)
{
    /// <summary>ACTIVE and published: what search shows. Not part of the JSON.</summary>
    [JsonIgnore]
    public bool IsPublic => Status == ResourceStatus.Active && PublishedAt is not null;
}

public sealed record CategorySummaryDto(Guid Id, string Name, string Slug);

public sealed record AddressDto(
    string? AddressLine1, string? AddressLine2, string? City, string? Region, string? PostalCode, string Country, double? Latitude, double? Longitude);

public sealed record ContactDto(string? Phone, string? Email, string? Website);

public sealed record SeoDto(string? MetaTitle, string? MetaDescription);

/// <summary>One day of opening hours; times "HH:mm", null when closed.</summary>
public sealed record HoursDto(int DayOfWeek, string? OpenTime, string? CloseTime, bool IsClosed);

public sealed record ImageDto(Guid Id, string Url, string? AltText, bool IsPrimary, int OrderIndex, DateTimeOffset CreatedAt);
