namespace RomApi.Gateway.Edge;

/// <summary>
/// One log line per request (method, path without query, status, duration, caller id, request id; written by <see cref="RequestLogWriter"/>)
/// the per-route request counter, and the API usage event of an authenticated caller. The query string is left out: it may carry personal search terms.
/// </summary>
public sealed class RequestLogMiddleware(
    RequestDelegate next, RequestLogWriter log, GatewayMetrics metrics, UsageBuffer usage, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = time.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = time.GetElapsedTime(started).TotalMilliseconds;
            var status = StatusOf(context);
            var proxy = context.Features.Get<IReverseProxyFeature>();
            var route = proxy?.Route.Config.RouteId ?? (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            metrics.Request(route, proxy?.Cluster.Config.ClusterId, proxy?.ProxiedDestination?.DestinationId, status);
            var caller = context.GetCaller();
            if (log.Enabled && !Extensions.IsOperationalPath(context.Request.Path))
            {
                log.Write(new RequestLogEntry(time.GetUtcNow(), context.Request.Method, context.Request.Path.Value ?? "/", status, elapsed, caller.LogId, context.TraceIdentifier));
            }
            if (caller.IsAuthenticated)
            {
                usage.Record(new ApiRequestRecord(caller.UserId, caller.ApiKeyId,
                    context.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null, ClientIp.Of(context),
                    route, context.Request.Method, status, elapsed, time.GetUtcNow()));
            }
        }
    }

    /// <summary>nginx's "client closed request": logged and counted instead of the status nobody received.</summary>
    public const int ClientClosedRequest = 499;

    /// <summary>
    /// The status the client got, or 499 when it went away before any answer started: YARP sets 400 for a client that hangs up
    /// mid-request, which would count a closed browser tab as a bad request in the log, the metrics and the usage events.
    /// </summary>
    public static int StatusOf(HttpContext context) =>
        context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted ? ClientClosedRequest : context.Response.StatusCode;
}
