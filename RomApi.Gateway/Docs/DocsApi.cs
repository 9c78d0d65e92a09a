using System.IO.Compression;
using System.Reflection;

namespace RomApi.Gateway.Docs;

/// <summary>
/// /docs: the API reference with a try-it console (Scalar, served from this gateway: no CDN, no inline script) over
/// /docs/openapi.json, under a CSP that allows only this origin's scripts, styles and fetches, plus the style elements Scalar
/// injects, which carry the page's one-time nonce.
/// </summary>
public static class DocsApi
{
    private const string ScalarAsset = "ScalarStaticAssets.scalar.js";
    private static readonly Assembly ScalarAssembly = typeof(Scalar.AspNetCore.ScalarOptions).Assembly;
    private static readonly string ScalarVersion =
        ScalarAssembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";
    private static readonly Lazy<byte[]> ScalarGzip = new(() => ReadResource(ScalarAssembly, ScalarAsset));

    /// <summary>
    /// Style elements Scalar 2.19 adds without the nonce (two of its own, one of the code editor in the try-it console's answer),
    /// allowed by their exact content. After a Scalar update, the browser console names the new hashes ("Applying inline style
    /// violates ... a hash ('sha256-...')"); DocsTests fails until they are here.
    /// </summary>
    public static readonly string[] ScalarStyleHashes =
    [
        "sha256-l/2OpPg0d+2VLTLgwjf5mQo2CYwHDEqdj5TjbfEyVJI=",
        "sha256-T13Uev3xCax2N28XaoAE8DOzQZKvPp7ZQVAi1iRREjo=",
        "sha256-gmXByKZQ55+6LD1IX9vtDPBwThIQbraY9EGJSFapMGc=",
    ];

    public static string PageContentSecurityPolicy(string nonce) =>
        $"default-src 'none'; script-src 'self'; style-src 'self' 'nonce-{nonce}' {string.Join(' ', ScalarStyleHashes.Select(hash => $"'{hash}'"))}; " +
        "connect-src 'self'; img-src 'self' data:; font-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static IEndpointRouteBuilder MapDocs(this IEndpointRouteBuilder app)
    {
        var docs = app.MapGroup("/docs").ExcludeFromDescription();
        docs.MapGet("", (HttpContext context) =>
        {
            var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
            var html = PageText("index.html").Replace("{{nonce}}", nonce, StringComparison.Ordinal)
                .Replace("{{scalarVersion}}", ScalarVersion, StringComparison.Ordinal);
            context.Response.Headers.ContentSecurityPolicy = PageContentSecurityPolicy(nonce);
            context.Response.Headers.CacheControl = "no-store";
            return TypedResults.Text(html, "text/html; charset=utf-8");
        });
        docs.MapGet("/docs.js", (HttpContext context) => Asset(context, PageText("docs.js"), "text/javascript; charset=utf-8"));
        docs.MapGet("/docs.css", (HttpContext context) => Asset(context, PageText("docs.css"), "text/css; charset=utf-8"));
        docs.MapGet("/scalar.js", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=86400";
            context.Response.Headers.Vary = "Accept-Encoding";
            if (context.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Headers.ContentEncoding = "gzip";
                return TypedResults.Bytes(ScalarGzip.Value, "text/javascript; charset=utf-8");
            }
            using var gzip = new GZipStream(new MemoryStream(ScalarGzip.Value), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            gzip.CopyTo(plain);
            return TypedResults.Bytes(plain.ToArray(), "text/javascript; charset=utf-8");
        });
        docs.MapGet("/openapi.json", async (HttpContext context, CombinedOpenApi openApi, CancellationToken cancellationToken) =>
        {
            openApi.SetSelf(SelfAddress(context));
            var document = await openApi.GetAsync(cancellationToken);
            return TypedResults.Text(OpenApiMerge.WithServer(document, PublicOrigin(context)), "application/json; charset=utf-8");
        });
        return app;
    }

    private static IResult Asset(HttpContext context, string text, string contentType)
    {
        context.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Text(text, contentType);
    }

    private static string PageText(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"RomApi.Gateway.Docs.Page.{name}")
            ?? throw new InvalidOperationException($"The docs page file {name} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static byte[] ReadResource(Assembly assembly, string suffix)
    {
        var name = assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith(suffix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no embedded {suffix}.");
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    // The gateway's own document is fetched over loopback from the port this request came in on.
    private static Uri SelfAddress(HttpContext context) => new($"http://127.0.0.1:{context.Connection.LocalPort}/");

    // The origin the client used, so that the try-it console calls the same gateway.
    private static string PublicOrigin(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}";
}
