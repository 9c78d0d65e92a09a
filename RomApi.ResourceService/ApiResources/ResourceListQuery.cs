namespace RomApi.ResourceService.ApiResources;

/// <summary>The filters, sort and paging of GET /api-resources (all optional).</summary>
public sealed record ResourceListQuery(
    Guid? CategoryId,
    string? Category,
    string? City,
    string? Region,
    string? ResourceType,
    string? Status,
    string? Plan,
    bool? Verified,
    Guid? UserId,
    string? Sort,
    int? Limit,
    int? Offset);
