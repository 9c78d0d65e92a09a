using RomApi.ResourceService.Data;

namespace RomApi.ResourceService.ApiResources;

/// <summary>An API resource as the API shows it (the fields this service has so far).</summary>
public sealed record ApiResourceDto(
    Guid Id,
    Guid? UserId,
    string Name,
    string Slug,
    string? Description,
    ResourceType ResourceType,
    Guid? CategoryId,
    CategorySummaryDto? Category,
    AddressDto Address,
    ResourceStatus Status,
    ResourcePlan Plan,
    bool Verified,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? PublishedAt);

public sealed record CategorySummaryDto(Guid Id, string Name, string Slug);

public sealed record AddressDto(string? City, string? Region, string Country, double? Latitude, double? Longitude);
