namespace RomApi.Tests.Gateway;

/// <summary>/docs and the public OpenAPI document, on the whole system.</summary>
[Collection(SystemCollection.Name)]
public sealed partial class DocsTests(SystemFixture system)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    [Fact]
    public async Task Right_after_a_client_hung_up_the_document_is_complete_public_only_and_describes_security_and_errors()
    {
        using var gateway = system.CreateGatewayClient();
        using (var hangUp = new CancellationTokenSource())
        {
            var abandoned = gateway.GetAsync("/docs/openapi.json", hangUp.Token);
            hangUp.Cancel();
            try
            {
                (await abandoned).Dispose();
            }
            catch (OperationCanceledException)
            {
                // The point: this client hung up.
            }
        }

        // No waiting and no retry: the very next request gets the whole reference.
        var document = JsonNode.Parse(await gateway.GetStringAsync("/docs/openapi.json"))!.AsObject();

        Assert.Null(document["x-romapi-missing"]);
        var paths = document["paths"]!.AsObject();
        Assert.DoesNotContain(paths, path => path.Key.StartsWith("/internal", StringComparison.Ordinal));
        Assert.Contains("/api/v1/auth/login", paths.Select(p => p.Key));
        Assert.Contains("/api/v1/api-resources", paths.Select(p => p.Key));
        Assert.Contains("/api/v1/search", paths.Select(p => p.Key));
        Assert.Contains("/api/v1/analytics/top", paths.Select(p => p.Key));
        Assert.Equal(gateway.BaseAddress!.GetLeftPart(UriPartial.Authority), document["servers"]![0]!["url"]!.GetValue<string>());
        var schemes = document["components"]!["securitySchemes"]!.AsObject();
        Assert.Equal("bearer", schemes["bearer"]!["scheme"]!.GetValue<string>());
        Assert.Equal("X-API-Key", schemes["apiKey"]!["name"]!.GetValue<string>());

        var operationIds = new HashSet<string>();
        foreach (var (path, item) in paths)
        {
            foreach (var (method, operation) in item!.AsObject().Where(o => Methods.Contains(o.Key)))
            {
                var where = $"{method.ToUpperInvariant()} {path}";
                Assert.True(operation!["operationId"]?.GetValue<string>() is { Length: > 0 } id && operationIds.Add(id), $"{where}: no unique operationId");
                Assert.True(operation["security"] is JsonArray { Count: > 0 }, $"{where}: no security requirement");
                var errors = operation["responses"]!.AsObject().Where(r => r.Key[0] is '4' or '5').ToList();
                Assert.True(errors.Any(r => r.Key[0] == '4'), $"{where}: no 4xx answer");
                Assert.All(errors, error => Assert.Equal("#/components/schemas/ApiErrorResponse",
                    error.Value!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>()));
            }
        }
        var loginErrors = paths["/api/v1/auth/login"]!["post"]!["responses"]!.AsObject();
        Assert.NotNull(loginErrors["401"]);
        var writeSecurity = paths["/api/v1/api-resources"]!["post"]!["security"]!.AsArray();
        Assert.DoesNotContain(writeSecurity, requirement => requirement!.AsObject().Count == 0); // a write needs credentials

        var schemas = document["components"]!["schemas"]!.AsObject();
        Assert.DoesNotContain("userType", Required(schemas, "RegisterRequest"));
        Assert.DoesNotContain("rateLimit", Required(schemas, "CreateApiKeyRequest"));
        Assert.DoesNotContain("expiresAt", Required(schemas, "CreateApiKeyRequest"));
        Assert.Equal(["name", "resourceType"], Required(schemas, "ResourceInput").Order());
        Assert.Equal(["API", "BUSINESS", "DATA", "SERVICE"],
            schemas["ResourceInput"]!["properties"]!["resourceType"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task The_committed_export_is_the_document_the_gateway_serves()
    {
        using var gateway = system.CreateGatewayClient();
        var served = JsonNode.Parse(await gateway.GetStringAsync("/docs/openapi.json"))!.AsObject();
        Assert.Null(served["x-romapi-missing"]);
        var fresh = OpenApiExport.Normalize(served);

        if (Environment.GetEnvironmentVariable("ROMAPI_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(OpenApiExport.CommittedPath, fresh);
        }
        Assert.True(File.Exists(OpenApiExport.CommittedPath) && await File.ReadAllTextAsync(OpenApiExport.CommittedPath) == fresh,
            $"{OpenApiExport.CommittedPath} is not the document the gateway serves. Refresh it (the typed client is generated from it): " +
            "ROMAPI_UPDATE_OPENAPI=1 dotnet test RomApi.Tests --filter FullyQualifiedName~The_committed_export");
    }

    [Fact]
    public async Task The_docs_page_is_scalar_from_this_origin_under_a_strict_csp_with_a_fresh_style_nonce()
    {
        using var gateway = system.CreateGatewayClient();
        using var page = await gateway.GetAsync("/docs");
        using var again = await gateway.GetAsync("/docs");
        var html = await page.Content.ReadAsStringAsync();
        using var scalar = await gateway.GetAsync("/docs/scalar.js");
        using var script = await gateway.GetAsync("/docs/docs.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("script-src 'self';", csp);
        Assert.Contains("connect-src 'self';", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        var nonce = NonceInPolicy().Match(csp).Groups[1].Value;
        Assert.Contains($"<meta property=\"csp-nonce\" content=\"{nonce}\">", html);
        Assert.NotEqual(csp, again.Headers.GetValues("Content-Security-Policy").Single());
        Assert.DoesNotContain("://", html);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("/docs/scalar.js", html);
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
        Assert.Contains("createApiReference", await scalar.Content.ReadAsStringAsync());
        Assert.Contains("/docs/openapi.json", await script.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Headless_chromium_renders_every_service_in_the_reference_and_the_csp_blocks_no_script_or_style_element()
    {
        var chromium = await Chromium.PathAsync();
        using var gateway = system.CreateGatewayClient();
        var url = new Uri(gateway.BaseAddress!, "/docs").ToString();
        var screenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", "docs.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);

        var (dom, console) = await RunChromiumAsync(chromium, ["--enable-logging=stderr", "--v=0", "--dump-dom", url]);
        await RunChromiumAsync(chromium, [$"--screenshot={screenshot}", "--window-size=1400,1000", url]);

        // The first group open, the others listed (Scalar renders a group's operations when it is opened).
        Assert.Contains("Exchange email and password for an access token", dom);
        foreach (var group in new[] { "API keys", "Categories", "API resources", "Bulk ingest", "Search", "Analytics" })
        {
            Assert.Contains($"Open Group - {group}", dom);
        }
        var violations = console.Split('\n').Where(line => line.Contains("Content Security Policy", StringComparison.Ordinal)).ToList();
        // Style attributes Scalar writes through innerHTML are refused (cosmetic); script and style elements must all run.
        Assert.All(violations, line => Assert.Contains("style attributes", line));
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is nearly empty");
    }

    private static async Task<(string Stdout, string Stderr)> RunChromiumAsync(string chromium, string[] arguments)
    {
        var info = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                     $"--user-data-dir={Path.Combine(Path.GetTempPath(), "romapi-chromium-" + Guid.NewGuid().ToString("N"))}",
                     "--virtual-time-budget=10000", .. arguments])
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}: {await stderr}");
        return (await stdout, await stderr);
    }

    private static IEnumerable<string> Required(JsonObject schemas, string name) =>
        schemas[name]!["required"]?.AsArray().Select(v => v!.GetValue<string>()) ?? [];

    [GeneratedRegex("style-src 'self' 'nonce-([^']+)'")]
    private static partial Regex NonceInPolicy();
}
