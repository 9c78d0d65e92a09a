using Microsoft.AspNetCore.Http.HttpResults;
using RomApi.ServiceDefaults.Envelopes;
using RomApi.ServiceDefaults.Errors;

namespace RomApi.SearchService.Indexing;

public static class ReindexApi
{
    public static RouteGroupBuilder MapReindexApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/internal/reindex").WithTags("Index (internal)");
        api.MapPost("", Start)
            .WithName("Reindex")
            .WithSummary("Admin: rebuilds this replica's index from change 0 into a new index and swaps it in; searches keep answering from the old one meanwhile. 202, or 409 while a rebuild runs.");
        api.MapGet("", Status)
            .WithName("ReindexStatus")
            .WithSummary("Admin: the state of the last rebuild and of the change-feed follower.");
        return api;
    }

    public static Results<Accepted<ApiResponse<IndexStatusDto>>, ErrorResult> Start(
        HttpContext context, ChangeFeedIndexer indexer, IndexerState state, TimeProvider time)
    {
        if (Refused(context) is { } refused)
        {
            return refused;
        }
        return indexer.TryStartRebuild()
            ? ApiResults.Accepted(IndexStatusDto.From(state), time)
            : ApiErrors.Conflict("A rebuild is already running.");
    }

    public static Results<Ok<ApiResponse<IndexStatusDto>>, ErrorResult> Status(HttpContext context, IndexerState state, TimeProvider time) =>
        Refused(context) is { } refused ? refused : ApiResults.Ok(IndexStatusDto.From(state), time);

    private static ErrorResult? Refused(HttpContext context)
    {
        var caller = context.GetPlatformIdentity();
        return caller.IsAdmin ? null : caller.IsAuthenticated ? ApiErrors.Forbidden("Reindexing is for administrators.") : ApiErrors.Unauthorized();
    }
}

public sealed record IndexStatusDto(long Position, long Head, long EventsBehind, double LagSeconds, RebuildStatus Rebuild)
{
    public static IndexStatusDto From(IndexerState state) =>
        new(state.Position, state.Head, state.EventsBehind, state.Lag.TotalSeconds, state.Rebuild);
}
