using Microsoft.Extensions.Options;
using RomApi.ServiceDefaults.Errors;

namespace RomApi.Gateway.Edge;

/// <summary>
/// Security headers on every answer, and 413 for a declared body over the limit before anything reads it (a body without a length
/// is cut by Kestrel's MaxRequestBodySize at the same limit). The docs page sets its own, stricter, CSP.
/// </summary>
public sealed class EdgeMiddleware(RequestDelegate next, IOptions<EdgeOptions> options)
{
    public const string ApiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = ApiContentSecurityPolicy;
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
        }

        if (context.Request.ContentLength > options.Value.MaxRequestBodyBytes)
        {
            return ErrorEnvelopeWriter.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge,
                $"The request body is larger than {options.Value.MaxRequestBodyBytes} bytes.");
        }
        return next(context);
    }
}
