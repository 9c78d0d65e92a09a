using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using RomApi.ResourceService.Data;
using RomApi.ServiceDefaults.Envelopes;
using RomApi.ServiceDefaults.Errors;
using RomApi.ServiceDefaults.PlatformAuth;
using System.Text.Json;

namespace RomApi.ResourceService.ChangeFeed;

public static class ChangesApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static RouteGroupBuilder MapChangesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/internal/changes").WithTags("Change feed (internal)");
        api.MapGet("", GetChanges)
            .WithName("GetChanges")
            .WithSummary("Changes after sequence `after` in order, each with the resource snapshot; service token only, not routed by the gateway.")
            .WithDescription($"limit 1..{MaxLimit} (default {DefaultLimit}). meta.lastSequence is the last returned sequence, or `after` when none. " +
                             "Redis channel romapi:changes announces new sequences.");
        return api;
    }

    public static async Task<Results<Ok<ApiResponse<IReadOnlyList<ChangeDto>>>, ErrorResult>> GetChanges(
        long? after, int? limit, HttpContext context, ResourceDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var identity = context.GetPlatformIdentity();
        if (!identity.IsService)
        {
            return identity.IsAuthenticated ? ApiErrors.Forbidden("The change feed is for ROMAPI services.") : ApiErrors.Unauthorized();
        }
        var from = after ?? 0;
        var take = limit ?? DefaultLimit;
        if (from < 0)
        {
            return ApiErrors.BadRequest("after must be 0 or more.");
        }
        if (take is < 1 or > MaxLimit)
        {
            return ApiErrors.BadRequest($"limit must be between 1 and {MaxLimit}.");
        }

        var rows = await db.ResourceChanges.AsNoTracking()
            .Where(c => c.Sequence > from)
            .OrderBy(c => c.Sequence)
            .Take(take)
            .ToListAsync(cancellationToken);
        var changes = rows.Select(c => new ChangeDto(c.Sequence, c.Type, c.ResourceId, c.OccurredAt,
            c.Resource is null ? null : JsonDocument.Parse(c.Resource).RootElement)).ToList();
        return ApiResults.Ok<IReadOnlyList<ChangeDto>>(changes, time, new ChangesMeta(changes.Count > 0 ? changes[^1].Sequence : from));
    }
}
