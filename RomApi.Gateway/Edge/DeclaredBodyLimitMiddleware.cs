namespace RomApi.Gateway.Edge;

/// <summary>
/// 413 for a declared body (Content-Length) over the limit before anything reads it; a body without a length is cut by Kestrel's
/// MaxRequestBodySize at the same limit.
/// </summary>
public sealed class DeclaredBodyLimitMiddleware(RequestDelegate next, IOptions<EdgeOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > options.Value.MaxRequestBodyBytes)
        {
            return ErrorEnvelopeWriter.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge,
                $"The request body is larger than {options.Value.MaxRequestBodyBytes} bytes.");
        }
        return next(context);
    }
}
