using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;

namespace RomApi.AnalyticsService.Events;

public static class EventsApi
{
    private const string IngestDescription =
        "Body: one event {id?, resourceId, eventType, referrer?, metadata?, createdAt?} or {events: [...]} (1..1000). " +
        "Always 202 {accepted, rejected, errors: [{index, code, field?, message}]} once the body is readable: each event is " +
        "checked on its own and a bad one is listed, never stored, while the others are taken (all of them in one transaction). " +
        "Codes: VALIDATION_ERROR, MALFORMED_EVENT, EVENT_TYPE_NOT_ALLOWED, UNKNOWN_RESOURCE, TIMESTAMP_IN_FUTURE (more than 5 min " +
        "ahead), TIMESTAMP_TOO_OLD (more than 30 days back), METADATA_TOO_LARGE (over 4 KB). id (a UUID chosen by the client) " +
        "makes a retried event count once (remembered 7 days). One VIEW is counted per client, resource and UTC hour (the client: " +
        "the API key with network and user agent, else the signed-in user, else the network /24 or /48 with the user agent); " +
        "further VIEWs of that hour are accepted and not counted. Accepted means buffered: written within about a second. " +
        "503 with Retry-After when the buffer is full: nothing of the request was taken, retry it as is.";

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder analytics)
    {
        analytics.MapPost("/events", PostEvents)
            .WithName("PostAnalyticsEvents").WithAccess(ApiAccess.Optional)
            .WithExamples("""{"resourceId":"0b6f3c1e-4d2a-4b8e-9c1f-2a3b4c5d6e7f","eventType":"CLICK","referrer":"https://example.com/list"}""")
            .WithSummary("Record client events (VIEW, CLICK, CONTACT, SHARE) about resources.")
            .IngestsEvents("Anonymous callers may post; an API key needs analytics:write. Time, user agent " +
                           "and client network (X-Forwarded-For from the gateway, IPv4 /24, IPv6 /48) come from the request: a createdAt " +
                           "sent here is ignored, the event is dated when the server receives it. resourceId must name a resource the " +
                           "caller may read (public, or the caller's own with their token): any other id, unknown or not public, is " +
                           "UNKNOWN_RESOURCE with the same message.");
        return analytics;
    }

    /// <summary>Events from the other ROMAPI services; the gateway does not route here.</summary>
    public static IEndpointRouteBuilder MapInternalEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(AnalyticsIngestion.Path, PostInternalEvents)
            .WithTags("Internal")
            .WithName("PostInternalEvents")
            .WithSummary("Record events from ROMAPI services (service platform token required; not routed by the gateway).")
            .IngestsEvents("Services may also send userId, apiKeyId, userAgent, ipAddress (truncated when " +
                           "stored) and the service-only types API_REQUEST (metadata {route, method, status, durationMs, maxDurationMs, count}: count alike requests of one minute, 1 when absent) and " +
                           "SEARCH (metadata {query, filters, resultCount, tookMs}). Any service event may carry metadata.count, a positive integer: " +
                           "the number of alike events of one minute it stands for (the resource service folds VIEWs so); stats and top lists " +
                           "add that many. resourceIds are trusted, not looked up.");
        return app;
    }

    /// <summary>
    /// What the public and the internal ingestion route share: one body and one answer, described by <see cref="IngestDescription"/>
    /// and then by what the route adds (<paramref name="routeRules"/>: who may post, and what the caller may send).
    /// </summary>
    private static RouteHandlerBuilder IngestsEvents(this RouteHandlerBuilder endpoint, string routeRules) =>
        endpoint.WithDescription(IngestDescription + " " + routeRules)
            .Accepts<EventInput>("application/json")
            .Produces<ApiResponse<EventIngestResult>>(StatusCodes.Status202Accepted);

    public static async Task<IResult> PostEvents(HttpContext context, EventIngestion ingestion, IOptions<IngestionOptions> options,
        IOptions<JsonOptions> json, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = context.GetPlatformIdentity();
        var request = new EventValidator.RequestContext(EventSource.Client, caller.UserId, caller.ApiKeyId,
            context.Request.Headers.UserAgent.ToString(), ClientNetwork.FromRequest(context));
        return await IngestAsync(context, request, caller, ingestion, options.Value, json.Value, time, cancellationToken);
    }

    public static async Task<IResult> PostInternalEvents(HttpContext context, EventIngestion ingestion, IOptions<IngestionOptions> options,
        IOptions<JsonOptions> json, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = context.GetPlatformIdentity();
        if (!caller.IsService)
        {
            return caller.IsAuthenticated ? ApiErrors.Forbidden("Only ROMAPI services may post here.") : ApiErrors.Unauthorized("A service platform token is required.");
        }
        var request = new EventValidator.RequestContext(EventSource.Service, null, null, null, null);
        return await IngestAsync(context, request, caller, ingestion, options.Value, json.Value, time, cancellationToken);
    }

    private static async Task<IResult> IngestAsync(HttpContext context, EventValidator.RequestContext request, PlatformIdentity caller, EventIngestion ingestion,
        IngestionOptions options, JsonOptions json, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, error) = await EventsRequestReader.ReadAsync(context.Request, options.MaxEventsPerRequest, cancellationToken);
        if (body is null)
        {
            return error!;
        }
        using (body)
        {
            var (status, result) = await ingestion.IngestAsync(body.Events, request, caller, json.SerializerOptions, cancellationToken);
            return status switch
            {
                IngestStatus.Accepted => ApiResults.Accepted(result!, time),
                IngestStatus.BufferFull => new RetryAfterResult(options.RetryAfterSeconds,
                    ApiErrors.ServiceUnavailable("Analytics is busy: nothing of this request was taken; retry it after Retry-After seconds.")),
                _ => new RetryAfterResult(options.RetryAfterSeconds,
                    ApiErrors.ServiceUnavailable("Resource ids cannot be checked right now: nothing of this request was taken; retry it.")),
            };
        }
    }
}

/// <summary>An error answer with a Retry-After header (seconds).</summary>
public sealed class RetryAfterResult(int seconds, ErrorResult error) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return error.ExecuteAsync(httpContext);
    }
}
