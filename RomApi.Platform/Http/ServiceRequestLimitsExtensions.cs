using Microsoft.AspNetCore.Server.Kestrel.Core;
using System.Text;

namespace RomApi.Platform.Http;

/// <summary>
/// What Kestrel accepts before any middleware sees a request, for every ROMAPI process (the gateway narrows the body): wide
/// enough that a bad request reaches the request ids and the error envelope instead of getting Kestrel's bare answer.
/// </summary>
public static class ServiceRequestLimitsExtensions
{
    /// <summary>
    /// Kestrel refuses a longer request line with a bare 414 before any middleware runs (its default is 8 KB). At 64 KB an
    /// over-long query value (a 10 KB search q) reaches the handler and gets its 400 in the error envelope, at the gateway and
    /// at the service behind it alike.
    /// </summary>
    public const int MaxRequestLineBytes = 64 * 1024;

    /// <summary>
    /// A service behind the gateway accepts at least every body the gateway lets through (the gateway's Edge:MaxRequestBodyBytes
    /// sets its own limit after this one). With Kestrel's default a body between the two limits was cut by the service
    /// mid-upload: the gateway saw a broken connection, answered 502, and counted it against the service's health.
    /// </summary>
    public const long MaxBodyBytes = 64L * 1024 * 1024;

    /// <summary>
    /// Header values are read as UTF-8 with bytes that are not UTF-8 replaced (U+FFFD): Kestrel's default refuses a header with a
    /// stray byte with a bare 400 before the error envelope or the request id exist. Read this way the request reaches the
    /// middleware, an odd X-Request-ID is replaced by a new one, any answer comes in the envelope, and a user agent in UTF-8
    /// still reads as it was written.
    /// </summary>
    public static readonly Encoding HeaderEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static IServiceCollection AddServiceRequestLimits(this IServiceCollection services) =>
        services.Configure<KestrelServerOptions>(kestrel =>
        {
            kestrel.Limits.MaxRequestLineSize = MaxRequestLineBytes;
            kestrel.Limits.MaxRequestBodySize = MaxBodyBytes;
            kestrel.RequestHeaderEncodingSelector = _ => HeaderEncoding;
        });
}
