using System.Reflection;

namespace RomApi.Gateway.Docs;

/// <summary>
/// /docs: a self-contained API reference page (no CDN, no inline script or style) rendered in the browser from
/// /docs/openapi.json, under a CSP that allows only this origin's script, style and fetches.
/// </summary>
public static class DocsApi
{
    public const string PageContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static IEndpointRouteBuilder MapDocs(this IEndpointRouteBuilder app)
    {
        var docs = app.MapGroup("/docs").ExcludeFromDescription();
        docs.MapGet("", () => Page("index.html", "text/html; charset=utf-8"));
        docs.MapGet("/docs.js", () => Page("docs.js", "text/javascript; charset=utf-8"));
        docs.MapGet("/docs.css", () => Page("docs.css", "text/css; charset=utf-8"));
        docs.MapGet("/openapi.json", async (HttpContext context, CombinedOpenApi openApi, CancellationToken cancellationToken) =>
            TypedResults.Text(await openApi.GetAsync(SelfAddress(context), cancellationToken), "application/json; charset=utf-8"));
        return app;
    }

    private static IResult Page(string name, string contentType)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"RomApi.Gateway.Docs.Page.{name}")
            ?? throw new InvalidOperationException($"The docs page file {name} is not embedded.");
        using var reader = new StreamReader(stream);
        return new PageResult(reader.ReadToEnd(), contentType);
    }

    // The gateway's own document is fetched over loopback from the port this request came in on.
    private static Uri SelfAddress(HttpContext context) => new($"http://127.0.0.1:{context.Connection.LocalPort}/");

    private sealed class PageResult(string body, string contentType) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.ContentSecurityPolicy = PageContentSecurityPolicy;
            httpContext.Response.Headers.CacheControl = "no-cache";
            return TypedResults.Text(body, contentType).ExecuteAsync(httpContext);
        }
    }
}
