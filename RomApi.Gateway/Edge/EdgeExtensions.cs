namespace RomApi.Gateway.Edge;

public static class EdgeExtensions
{
    public const string CorsPolicyName = "configured-origins";

    /// <summary>
    /// Body size limit (Kestrel and the early 413), Kestrel's own refusals in the error envelope, CORS from configuration, the
    /// request log writer.
    /// </summary>
    public static IHostApplicationBuilder AddEdge(this WebApplicationBuilder builder)
    {
        RequestLogWriter.AddTo(builder);
        builder.Services.AddSettings<EdgeOptions>(EdgeOptions.SectionName);
        var options = builder.Configuration.GetSection(EdgeOptions.SectionName).Get<EdgeOptions>() ?? new EdgeOptions();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.ConfigureEndpointDefaults(KestrelRejectionEnvelope.Use);
        });
        builder.Services.AddCors(cors => cors.AddPolicy(CorsPolicyName, policy => policy
            .WithOrigins(options.CorsOrigins)
            .WithMethods("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
            .WithHeaders("Authorization", "Content-Type", "X-API-Key", "apikey", "X-Request-ID", "If-Match", "If-None-Match")
            .WithExposedHeaders("X-Request-ID", "ETag", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Retry-After")));
        return builder;
    }

    /// <summary>
    /// The CORS policy, for the requests a browser sent with an Origin (the only ones CORS answers): the CORS middleware
    /// resolves its policy provider from the request's services before it looks, so it would open a service scope for every request.
    /// </summary>
    public static IApplicationBuilder UseConfiguredCors(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Headers.Origin.Count > 0, cors => cors.UseCors(CorsPolicyName));
}
