namespace RomApi.Platform.RequestIds;

/// <summary>Carries the current request's id on every outgoing call, so one id follows a request through all services.</summary>
public sealed class RequestIdPropagationHandler(CurrentRequestId current) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (current.Value is { } requestId && !request.Headers.Contains(RequestIdMiddleware.HeaderName))
        {
            request.Headers.TryAddWithoutValidation(RequestIdMiddleware.HeaderName, requestId);
        }
        return base.SendAsync(request, cancellationToken);
    }
}
