using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RomApi.Platform.RequestIds;

/// <summary>
/// Takes the client's X-Request-ID when it is sane (else makes one), echoes it on the response,
/// uses it as the trace identifier and puts it in the logging scope of the request.
/// </summary>
public static class RequestIdMiddleware
{
    public const string HeaderName = "X-Request-ID";
    private const int MaxLength = 128;

    /// <summary>Every HttpClient of the service passes the current request's id on to the service it calls.</summary>
    public static TBuilder AddRequestIds<TBuilder>(this TBuilder builder) where TBuilder : Microsoft.Extensions.Hosting.IHostApplicationBuilder
    {
        builder.Services.AddTransient<RequestIdPropagationHandler>();
        builder.Services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler<RequestIdPropagationHandler>());
        return builder;
    }

    public static IApplicationBuilder UseRequestIds(this IApplicationBuilder app)
    {
        // Created once: LoggerFactory.CreateLogger takes a process-wide lock, which every request would contend for.
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("RomApi.RequestId");
        return app.Use(async (context, next) =>
        {
            var requestId = IsSane(context.Request.Headers[HeaderName].ToString())
                ? context.Request.Headers[HeaderName].ToString()
                : Guid.NewGuid().ToString("N");
            context.TraceIdentifier = requestId;
            context.Response.Headers[HeaderName] = requestId;
            using (logger.BeginScope("RequestId:{RequestId}", requestId))
            {
                await next(context);
            }
        });
    }

    public static bool IsSane(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            return false;
        }
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
            {
                return false;
            }
        }
        return true;
    }
}
