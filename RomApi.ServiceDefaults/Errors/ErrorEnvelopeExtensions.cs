using RomApi.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RomApi.ServiceDefaults.Http;

namespace RomApi.ServiceDefaults.Errors;

public static class ErrorEnvelopeExtensions
{
    /// <summary>
    /// Kestrel refuses a longer request line with a bare 414 before any middleware runs (its default is 8 KB). At 64 KB an
    /// over-long query value (a 10 KB search q) reaches the handler and gets its 400 in the error envelope, at the gateway and
    /// at the service behind it alike.
    /// </summary>
    public const int MaxRequestLineBytes = 64 * 1024;

    /// <summary>JSON as API.md wants it (camelCase, UPPER_CASE enums) and errors that always come in the envelope.</summary>
    public static TBuilder AddErrorEnvelope<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestLineSize = MaxRequestLineBytes);
        services.AddServiceRequestLimits();
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(WireNames.JsonConverter());
        });
        // Minimal APIs answer a malformed body with a bare 400 unless told to throw; the handler below turns it into the envelope.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddExceptionHandler<EnvelopeExceptionHandler>();
        services.AddProblemDetails();
        return builder;
    }

    public static IApplicationBuilder UseErrorEnvelope(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        // Bodiless error responses (unknown route, wrong method, auth challenges) get the envelope too.
        app.UseStatusCodePages(context =>
        {
            var response = context.HttpContext.Response;
            if (response.HasStarted || response.ContentLength > 0 || response.ContentType is not null)
            {
                return Task.CompletedTask;
            }
            var status = response.StatusCode;
            return ErrorEnvelopeWriter.WriteAsync(context.HttpContext, status, ErrorCodes.ForStatus(status), ErrorCodes.DefaultMessage(status));
        });
        return app;
    }
}
