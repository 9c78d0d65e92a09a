namespace RomApi.ResourceService.BulkImport;

public static class BulkImportApi
{
    public static RouteHandlerBuilder MapBulkImportApi(this IEndpointRouteBuilder app) =>
        app.MapPost(ResourceRoutes.Ingest, Ingest)
            .WithTags("Bulk ingest")
            .WithName("IngestApiResources")
            .WithExamples("""{"mode":"upsert","publish":false,"resources":[{"externalId":"osm:node/123","name":"Pharmacie du Port","resourceType":"BUSINESS","categorySlug":"pharmacie","address":{"city":"Douala","country":"CM"}}]}""",
                """{"success":true,"data":{"received":1,"created":1,"updated":0,"failed":0,"dryRun":false,"errors":[]},"timestamp":"2026-11-29T08:00:00+00:00"}""")
            .Produces<ApiResponse<IngestResult>>()
            .WithSummary($"Creates or upserts up to {ImportRequestRules.MaxItems} resources; partial success with per-item errors.")
            .WithDescription($"Auth required; admin for more than {ImportRequestRules.MaxItemsWithoutAdmin} items or publish=true. " +
                             "Upsert matches by externalId when given, else by slug (the item's slug, or the one its name folds to). " +
                             "dryRun validates and matches without writing. Item error codes: BAD_REQUEST, VALIDATION_ERROR, CONFLICT, FORBIDDEN.");

    public static async Task<IResult> Ingest(IngestRequest request, HttpContext context, BulkImporter importer, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = context.GetPlatformIdentity();
        var (result, error) = await importer.ImportAsync(request, caller, cancellationToken);
        return error ?? (IResult)ApiResults.Ok(result!, time);
    }
}
