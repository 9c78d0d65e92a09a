using Microsoft.AspNetCore.Http.HttpResults;

namespace RomApi.ResourceService.ChangeFeed;

public static class ChangesApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = ChangeFeedEndpoint.MaxLimit;

    public static RouteGroupBuilder MapChangesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ChangeFeedEndpoint.Path).WithTags("Change feed (internal)");
        api.MapGet("", GetChanges)
            .WithName("GetChanges")
            .WithSummary("Changes after sequence `after` in order, each with the resource snapshot; service token only, not routed by the gateway.")
            .WithDescription($"limit 1..{MaxLimit} (default {DefaultLimit}). meta.lastSequence is the last returned sequence, or `after` when none. " +
                             $"503 SERVICE_UNAVAILABLE until the database migrations are applied. Redis channel {ChangeFeedEndpoint.RedisChannel} announces new sequences. resource is the RomApi.Contracts ApiResourceDto, as written into the outbox.");
        api.MapGet("/head", GetHead)
            .WithName("GetChangeFeedHead")
            .WithSummary("The newest sequence of the change feed (0 when empty), where a reader that needs only what changes from now on starts; service token only.");
        return api;
    }

    public static async Task<Results<Ok<ApiResponse<ChangeFeedHead>>, ErrorResult>> GetHead(
        HttpContext context, ResourceDbContext db, MigrationState<ResourceDbContext> migrations, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (Refusal(context.GetPlatformIdentity()) is { } refusal)
        {
            return refusal;
        }
        if (!migrations.IsApplied)
        {
            return NotReady();
        }
        var last = await db.ResourceChanges.MaxAsync(c => (long?)c.Sequence, cancellationToken) ?? 0;
        return ApiResults.Ok(new ChangeFeedHead(last), time);
    }

    private static ErrorResult? Refusal(PlatformIdentity identity) =>
        identity.IsService ? null
        : identity.IsAuthenticated ? ApiErrors.Forbidden("The change feed is for ROMAPI services.") : ApiErrors.Unauthorized();

    // A reader that starts first (the search service, the gateway) is told to come back, rather than the query failing on a missing table.
    private static ErrorResult NotReady() =>
        ApiErrors.ServiceUnavailable("The change feed is not ready: the database migrations are being applied.");

    public static async Task<Results<Ok<ApiResponse<IReadOnlyList<ChangeEvent<SerializedSnapshot>>>>, ErrorResult>> GetChanges(
        long? after, int? limit, HttpContext context, ResourceDbContext db, MigrationState<ResourceDbContext> migrations, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (Refusal(context.GetPlatformIdentity()) is { } refusal)
        {
            return refusal;
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

        if (!migrations.IsApplied)
        {
            return NotReady();
        }

        var rows = await db.ResourceChanges.AsNoTracking()
            .Where(c => c.Sequence > from)
            .OrderBy(c => c.Sequence)
            .Take(take)
            .ToListAsync(cancellationToken);
        // The snapshots go out as the outbox holds them: serialized once, when written, never parsed here.
        var changes = rows.Select(c => new ChangeEvent<SerializedSnapshot>(c.Sequence, c.Type, c.ResourceId, c.OccurredAt,
            c.Resource is null ? null : new SerializedSnapshot(c.Resource))).ToList();
        return ApiResults.Ok<IReadOnlyList<ChangeEvent<SerializedSnapshot>>>(changes, time,
            new ChangeFeedMeta(changes.Count > 0 ? changes[^1].Sequence : from));
    }
}
