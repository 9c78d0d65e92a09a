namespace RomApi.Gateway.Proxy;

/// <summary>A breaker per downstream service (<see cref="CircuitBreakerStep"/> consults and feeds it).</summary>
public sealed class CircuitBreakerPerService
{
    private readonly Dictionary<string, CircuitBreaker> _byService;

    public CircuitBreakerPerService(IOptions<ProxyOptions> options, TimeProvider time)
    {
        _byService = DownstreamServices.All.ToDictionary(
            service => service.Name,
            _ => new CircuitBreaker(options.Value.CircuitBreakerFailures, options.Value.CircuitBreakerBreak, options.Value.CircuitBreakerMinimumBreak, time));
    }

    public IReadOnlyDictionary<string, CircuitBreaker> All => _byService;

    public CircuitBreaker For(string service) => _byService[service];

    /// <summary>
    /// Answers that say nothing about the service's health: the client went away or sent a broken body; the service stopped
    /// reading the client's body (it refused it: a broken upload proves nothing about a replica that answers everyone else, and a
    /// dead one fails the next connection anyway); no replica was left to try; or the service shed load on purpose (503 with
    /// Retry-After, e.g. analytics with a full buffer, or its database away). Counting these would let any client open the
    /// circuit with a few bad requests, or turn a moment of back-pressure into 30 s of refusing everything.
    /// </summary>
    public static bool IsNeutral(HttpContext context) => context.GetForwarderErrorFeature() is { } failure
        ? failure.Error is ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.ResponseBodyCanceled
            or ForwarderError.RequestBodyClient or ForwarderError.ResponseBodyClient or ForwarderError.RequestBodyDestination
            or ForwarderError.NoAvailableDestinations
        : context.Response.StatusCode == StatusCodes.Status503ServiceUnavailable && context.Response.Headers.RetryAfter.Count > 0;

    /// <summary>
    /// A failure is a forward that got no usable answer (no connection, timeout, broken response) or a 502/503/504 from the service.
    /// "Nothing healthy left" is not counted: it says nothing new about the service.
    /// </summary>
    public static bool IsFailure(HttpContext context) =>
        context.GetForwarderErrorFeature() is { Error: not ForwarderError.NoAvailableDestinations } ||
        context.Response.StatusCode is 502 or 503 or 504;
}
