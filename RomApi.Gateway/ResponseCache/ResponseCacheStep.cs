using RomApi.Contracts.Resources;
using RomApi.Platform.Analytics;

namespace RomApi.Gateway.ResponseCache;

/// <summary>
/// The response cache's step in the proxy pipeline: after authentication, rate limits, quotas (middleware before it) and the
/// route's access rule, just before the forward. A read by id or slug from an anonymous or API-key caller is answered from a
/// shared copy when there is one (with the VIEW the resource service would have recorded) or forwarded and, when the service
/// marks the answer shareable, kept; a page of the resource list likewise (no VIEW: the service records none for lists). Users
/// with tokens always reach the service: they may see their own unpublished resources. A write through this replica evicts what
/// it changes as soon as its answer starts, so this replica reads its own writes.
/// </summary>
public sealed class ResponseCacheStep(ResponseCacheStore store, ViewRecorder views, GatewayMetrics metrics, IOptions<ResponseCacheOptions> options)
{
    public const string StatusHeader = "X-Cache";

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method))
        {
            if (CachePaths.TryReadKey(request.Path, request.QueryString, out var key) && IsShared(context.GetCaller()))
            {
                if (store.TryGet(key, out var answer))
                {
                    metrics.CacheHit();
                    return AnswerAsync(context, answer);
                }
                metrics.CacheMiss();
                return MissAsync(context, key, next);
            }
            return next(context);
        }
        if (HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return next(context);
        }
        return WriteAsync(context, next);
    }

    /// <summary>Anonymous callers and API keys see published resources only, all alike; a user's token may see more.</summary>
    private static bool IsShared(Caller caller) => caller.UserId is null || caller.IsApiKey;

    private Task AnswerAsync(HttpContext context, CachedAnswer answer)
    {
        if (answer.ResourceId is { } resourceId)
        {
            views.Record(resourceId, context.GetCaller().Identity, context.Request.Headers, context.Connection.RemoteIpAddress?.ToString());
        }
        var response = context.Response;
        response.Headers[StatusHeader] = "HIT";
        if (answer.ETag is { } etag)
        {
            response.Headers.ETag = etag;
            if (ETags.Matches(context.Request.Headers.IfNoneMatch.ToString(), etag))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return Task.CompletedTask;
            }
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = answer.ContentType;
        response.ContentLength = answer.Body.Length;
        return response.Body.WriteAsync(answer.Body, context.RequestAborted).AsTask();
    }

    private async Task MissAsync(HttpContext context, CacheKey key, RequestDelegate next)
    {
        var startedAt = store.Epoch;
        var response = context.Response;
        var body = response.Body;
        var capture = new AnswerCapture(body, options.Value.MaxAnswerBytes);
        response.Body = capture;
        context.Features.Set(capture);
        response.Headers[StatusHeader] = "MISS";
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = body;
            context.Features.Set<AnswerCapture>(null);
        }
        if (capture.SharedMaxAge is not { } maxAge || response.StatusCode != StatusCodes.Status200OK || capture.Overflowed ||
            context.RequestAborted.IsCancellationRequested || response.Headers.ContentEncoding.Count > 0)
        {
            return;
        }
        var bytes = capture.ToArray();
        var id = key.Read switch
        {
            CachedRead.ById => key.Id,
            CachedRead.BySlug => EnvelopeId.Of(bytes),
            _ => null,
        };
        if (id is null && key.Read != CachedRead.List)
        {
            return;
        }
        var answer = new CachedAnswer(id, bytes, response.Headers.ETag.ToString() is { Length: > 0 } tag ? tag : null,
            response.ContentType ?? "application/json; charset=utf-8", store.ExpiryFor(maxAge));
        store.TryAdd(key, answer, startedAt);
    }

    private async Task WriteAsync(HttpContext context, RequestDelegate next)
    {
        var scope = CachePaths.ForWrite(context.Request.Path, out var resourceId);
        if (scope == WriteScope.None)
        {
            await next(context);
            return;
        }
        // The service answers once its transaction has committed (and its own cache is refreshed): evicting as the answer starts
        // means the client, once it has the answer, reads the new version here. Again at the end, for an answer that never started.
        context.Response.OnStarting(() =>
        {
            Invalidate(scope, resourceId);
            return Task.CompletedTask;
        });
        try
        {
            await next(context);
        }
        finally
        {
            Invalidate(scope, resourceId);
        }
    }

    private void Invalidate(WriteScope scope, Guid resourceId)
    {
        switch (scope)
        {
            case WriteScope.Everything:
                store.Clear();
                break;
            case WriteScope.ListPages:
                store.EvictListPages();
                break;
            default:
                store.Evict(resourceId);
                break;
        }
    }
}
