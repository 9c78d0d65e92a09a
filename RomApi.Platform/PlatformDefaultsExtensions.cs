using RomApi.Platform.Http;
using RomApi.Platform.RequestIds;

namespace RomApi.Platform;

/// <summary>What every ROMAPI process starts with, in one place so that no service starts without a piece of it.</summary>
public static class PlatformDefaultsExtensions
{
    /// <summary>
    /// The Aspire service defaults, the error envelope, Kestrel limits wide enough that a bad request reaches the envelope, and
    /// request ids passed on by every HttpClient.
    /// </summary>
    public static TBuilder AddPlatformDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddServiceDefaults();
        builder.AddErrorEnvelope();
        builder.Services.AddServiceRequestLimits();
        builder.AddRequestIds();
        return builder;
    }

    /// <summary>Request ids first, so that every answer, the envelope's included, carries one.</summary>
    public static IApplicationBuilder UsePlatformDefaults(this IApplicationBuilder app)
    {
        app.UseRequestIds();
        app.UseErrorEnvelope();
        return app;
    }
}
