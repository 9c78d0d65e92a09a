namespace RomApi.Platform.RequestIds;

/// <summary>Carries the current request's id on every outgoing call, so one id follows a request through all services.</summary>
public sealed class RequestIdPropagationHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext is { } context && !request.Headers.Contains(RequestIdMiddleware.HeaderName))
        {
            request.Headers.TryAddWithoutValidation(RequestIdMiddleware.HeaderName, context.TraceIdentifier);
        }
        return base.SendAsync(request, cancellationToken);
    }
}
