using RomApi.ResourceService.Data;

namespace RomApi.ResourceService.ApiResources;

/// <summary>An API resource as the API shows it, and as the change feed snapshots it.</summary>
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
    DateTimeOffset? PublishedAt);

public sealed record CategorySummaryDto(Guid Id, string Name, string Slug);

public sealed record AddressDto(
    string? AddressLine1, string? AddressLine2, string? City, string? Region, string? PostalCode, string Country, double? Latitude, double? Longitude);

public sealed record ContactDto(string? Phone, string? Email, string? Website);

public sealed record SeoDto(string? MetaTitle, string? MetaDescription);

/// <summary>One day of opening hours; times "HH:mm", null when closed.</summary>
public sealed record HoursDto(int DayOfWeek, string? OpenTime, string? CloseTime, bool IsClosed);

public sealed record ImageDto(Guid Id, string Url, string? AltText, bool IsPrimary, int OrderIndex, DateTimeOffset CreatedAt);
