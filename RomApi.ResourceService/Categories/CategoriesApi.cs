using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using RomApi.ResourceService.Data;
using RomApi.ServiceDefaults.Envelopes;

namespace RomApi.ResourceService.Categories;

public static class CategoriesApi
{
    public static RouteGroupBuilder MapCategoriesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/categories").WithTags("Categories");

        api.MapGet("", ListCategories)
            .WithName("ListCategories")
            .WithSummary("The category tree, or with flat=true every category in one list ordered by name.");

        return api;
    }

    public static async Task<Ok<ApiResponse<IReadOnlyList<CategoryDto>>>> ListCategories(
        bool? flat, ResourceDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var rows = await db.Categories.AsNoTracking()
            .OrderBy(c => c.Name)
            .Select(c => new CategoryDto(c.Id, c.Name, c.Slug, c.Description, c.Icon, c.ParentId, Array.Empty<CategoryDto>()))
            .ToListAsync(cancellationToken);

        return ApiResults.Ok(flat == true ? rows : CategoryTree.Build(rows), time);
    }
}
