using RomApi.ResourceService.Data;

namespace RomApi.ResourceService.ApiResources;

/// <summary>The query shapes shared by the endpoints, kept translatable to SQL.</summary>
public static class ApiResourceQueries
{
    /// <summary>What an anonymous caller may see: published (ACTIVE) and not deleted.</summary>
    public static IQueryable<ApiResource> PubliclyVisible(this IQueryable<ApiResource> resources) =>
        resources.Where(r => r.Status == ResourceStatus.Active && r.DeletedAt == null);

    public static IQueryable<ApiResourceDto> ToDto(this IQueryable<ApiResource> resources) =>
        resources.Select(r => new ApiResourceDto(
            r.Id,
            r.UserId,
            r.Name,
            r.Slug,
            r.Description,
            r.ResourceType,
            r.CategoryId,
            r.Category == null ? null : new CategorySummaryDto(r.Category.Id, r.Category.Name, r.Category.Slug),
            new AddressDto(r.City, r.Region, r.Country, r.Latitude, r.Longitude),
            r.Status,
            r.Plan,
            r.Verified,
            r.CreatedAt,
            r.UpdatedAt,
            r.PublishedAt));
}
