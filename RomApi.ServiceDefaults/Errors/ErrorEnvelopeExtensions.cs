using RomApi.Contracts;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;

namespace RomApi.ServiceDefaults.Errors;

public static class ErrorEnvelopeExtensions
{
    /// <summary>JSON as API.md wants it (camelCase, UPPER_CASE enums) and errors that always come in the envelope.</summary>
    public static TBuilder AddErrorEnvelope<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
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
