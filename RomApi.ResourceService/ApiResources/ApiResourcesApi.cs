using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RomApi.ResourceService.Data;
using RomApi.ResourceService.Telemetry;
using RomApi.ServiceDefaults.Envelopes;
using RomApi.ServiceDefaults.Errors;

namespace RomApi.ResourceService.ApiResources;

public static class ApiResourcesApi
{
    public static RouteGroupBuilder MapApiResourcesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/api-resources").WithTags("API resources");

        api.MapGet("", ListApiResources)
            .WithName("ListApiResources")
            .WithSummary("Published resources, newest first; limit 1..100 (default 20), offset >= 0.");

        api.MapGet("/{id:guid}", GetApiResource)
            .WithName("GetApiResource")
            .WithSummary("One published resource by id; 404 when missing, unpublished or deleted.");

        return api;
    }

    public static async Task<Results<Ok<ApiResponse<IReadOnlyList<ApiResourceDto>>>, ErrorResult>> ListApiResources(
        int? limit,
        int? offset,
        ResourceDbContext db,
        IOptions<ApiResourcesOptions> options,
        ResourceServiceMetrics metrics,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var paging = options.Value;
        var take = limit ?? paging.DefaultLimit;
        var skip = offset ?? 0;
        if (take < 1 || take > paging.MaxLimit)
        {
            return ApiErrors.BadRequest($"limit must be between 1 and {paging.MaxLimit}.");
        }
        if (skip < 0)
        {
            return ApiErrors.BadRequest("offset must be 0 or more.");
        }

        var visible = db.ApiResources.AsNoTracking().PubliclyVisible();
        var total = await visible.LongCountAsync(cancellationToken);
        var items = await visible
            .OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id)
            .Skip(skip).Take(take)
            .ToDto()
            .ToListAsync(cancellationToken);

        metrics.ResourcesServed(items.Count, "list");
        return ApiResults.Page(items, new PageMeta(total, take, skip), time);
    }

    public static async Task<Results<Ok<ApiResponse<ApiResourceDto>>, ErrorResult>> GetApiResource(
        Guid id, ResourceDbContext db, ResourceServiceMetrics metrics, TimeProvider time, CancellationToken cancellationToken)
    {
        var resource = await db.ApiResources.AsNoTracking()
            .PubliclyVisible()
            .Where(r => r.Id == id)
            .ToDto()
            .FirstOrDefaultAsync(cancellationToken);

        if (resource is null)
        {
            return ApiErrors.NotFound($"No API resource with id '{id}'.");
        }

        metrics.ResourcesServed(1, "item");
        return ApiResults.Ok(resource, time);
    }
}
