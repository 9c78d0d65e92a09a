using System.Buffers;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.Primitives;

namespace RomApi.Gateway.Proxy;

/// <summary>
/// YARP answers a failed forward with a bare status code; this step of the proxy pipeline
/// turns it into the error envelope (502/503/504) so clients never see an empty body.
/// </summary>
public static partial class ProxyErrorEnvelope
{
    public static IReverseProxyApplicationBuilder UseProxyErrorEnvelope(this IReverseProxyApplicationBuilder proxy)
    {
        // Resolved once: during an outage every request fails here, and creating a logger takes a process-wide lock.
        var services = proxy.ApplicationServices;
        var metrics = services.GetRequiredService<GatewayMetrics>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProxyErrorEnvelope));
        var options = services.GetRequiredService<IOptions<ProxyOptions>>();
        proxy.Use(async (context, next) =>
        {
            // The gateway's own headers (request id, rate limits, security) are restored after clearing whatever the service sent;
            // kept in a pooled array, since all but a few requests give it back unread.
            var headers = context.Response.Headers;
            var count = headers.Count;
            var own = ArrayPool<KeyValuePair<string, StringValues>>.Shared.Rent(count);
            try
            {
                headers.CopyTo(own, 0);
                await next(context);
                await AnswerFailureAsync(context, own.AsMemory(0, count), metrics, logger, options.Value);
            }
            finally
            {
                ArrayPool<KeyValuePair<string, StringValues>>.Shared.Return(own, clearArray: true);
            }
        });
        return proxy;
    }

    private static async Task AnswerFailureAsync(
        HttpContext context, ReadOnlyMemory<KeyValuePair<string, StringValues>> own, GatewayMetrics metrics, ILogger logger, ProxyOptions options)
    {
        if (context.GetForwarderErrorFeature() is not { } failure || context.Response.HasStarted)
        {
            return;
        }
        // A route timeout cancels RequestAborted too; only a client that went away gets no answer.
        var timedOut = context.Features.Get<IHttpRequestTimeoutFeature>()?.RequestTimeoutToken.IsCancellationRequested == true;
        if (context.RequestAborted.IsCancellationRequested && !timedOut)
        {
            return;
        }

        var cluster = context.GetReverseProxyFeature().Cluster.Config.ClusterId;
        var (status, message) =
            context.Response.StatusCode == StatusCodes.Status413PayloadTooLarge ? (413, ErrorCodes.DefaultMessage(413))
            : timedOut ? (504, $"{cluster} did not answer in time.")
            : Describe(failure, cluster);
        metrics.ProxyError(cluster, failure.Error.ToString());
        LogForwardFailed(logger, cluster, failure.Error, status, failure.Exception?.Message);

        context.Response.Headers.Clear();
        foreach (var (name, value) in own.Span)
        {
            context.Response.Headers[name] = value;
        }
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            // A replica comes back into rotation at the next passing health probe: about that long.
            context.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(options.HealthProbeInterval.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
        await ErrorEnvelopeWriter.WriteAsync(context, status, ErrorCodes.ForStatus(status), message);
    }

    private static (int Status, string Message) Describe(IForwarderErrorFeature failure, string cluster) => failure.Error switch
    {
        ForwarderError.NoAvailableDestinations => (503, $"No healthy replica of {cluster} is available; try again later."),
        // Refused connections: the retry step has tried every replica left (for an idempotent request), so none is up; the
        // answer is the same 503 as once they are out of rotation, not a 502 that suggests a broken answer.
        ForwarderError.Request when RetryStep.IsConnectFailure(failure.Exception) => (503, $"No replica of {cluster} could be reached; try again later."),
        ForwarderError.RequestTimedOut => (504, $"{cluster} did not answer in time."),
        _ => (502, $"{cluster} could not be reached or answered badly."),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forwarding to {Cluster} failed with {Error}; answering {Status}: {Reason}")]
    private static partial void LogForwardFailed(ILogger logger, string cluster, ForwarderError error, int status, string? reason);
}
