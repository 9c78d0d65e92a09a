using PuppeteerSharp;

namespace RomApi.Tests.WholeSystem.EndToEnd;

/// <summary>
/// The real Aspire dashboard in Chromium (Debian's, installed by the test when missing, see Infrastructure/Chromium.cs): the resources page with every resource running, and a request's trace that
/// crosses gateway, resource service and PostgreSQL. Screenshots land in the test output's screenshots/ folder.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardTests(DashboardFixture system)
{
    private static readonly string[] Resources =
        ["postgres", "identitydb", "resourcedb", "analyticsdb", "cache", "analyticsservice", "resourceservice", "searchservice", "gateway"];
    private static readonly TimeSpan PageWait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_resources_page_shows_every_resource_running_and_a_trace_crosses_gateway_service_and_database()
    {
        // A request whose trace goes gateway -> resourceservice -> PostgreSQL.
        using var gateway = system.CreateGatewayClient();
        var marker = $"dashboard-{Guid.NewGuid():N}";
        using (var response = await gateway.GetAsync($"/api/v1/api-resources?limit=1&search={marker}"))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }

        await using var browser = await LaunchAsync();
        await using var page = await browser.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = 1600, Height = 1000 });
        await page.GoToAsync(system.LoginUrl.ToString());

        var resourcesText = await WaitForTextAsync(page, text => Resources.All(text.Contains) && text.Contains("Running", StringComparison.Ordinal));
        await page.ScreenshotAsync(ScreenshotPath("dashboard-resources.png"));
        foreach (var name in Resources)
        {
            Assert.Contains(name, resourcesText);
        }

        await page.GoToAsync(new Uri(system.DashboardUrl, "/traces").ToString());
        // Each service exports its spans in its own batches: the gateway's may come after the resource service's.
        var tracesText = await WaitForTextAsync(page, text => text.Contains("gateway: GET /api/v1/api-resources", StringComparison.Ordinal) &&
            text.Contains("resourceservice", StringComparison.Ordinal));
        await page.ScreenshotAsync(ScreenshotPath("dashboard-traces.png"));
        Assert.Contains("gateway: GET /api/v1/api-resources", tracesText);

        // The trace's own page: its spans come from the gateway, the resource service and the database client.
        var opened = await page.EvaluateExpressionAsync<bool>(@"(() => {
            const cells = [...document.querySelectorAll('*')].filter(e => e.children.length === 0 && e.textContent.includes('gateway: GET /api/v1/api-resources'));
            if (cells.length === 0) return false; cells[0].click(); return true; })()");
        Assert.True(opened, "no trace row of the api-resources request to open");
        await page.WaitForFunctionAsync("() => location.pathname.includes('/traces/detail/')");
        // The span rows: the gateway's request, the resource service's, and the database client's call to resourcedb. The URL
        // changes before the page does, and the list's text has these names too: wait for the detail page's own header.
        var traceText = await WaitForTextAsync(page, text => text.Contains("Trace detail", StringComparison.Ordinal) &&
            text.Contains("Total spans", StringComparison.Ordinal) && text.Contains("gateway", StringComparison.Ordinal) &&
            text.Contains("resourceservice", StringComparison.Ordinal) &&
            text.Contains("resourcedb", StringComparison.Ordinal) && text.Contains("GET /api/v1/api-resources", StringComparison.Ordinal));
        await page.ScreenshotAsync(ScreenshotPath("dashboard-trace.png"));
        Assert.Contains("gateway", traceText);
        Assert.Contains("resourceservice", traceText);
        Assert.Contains("resourcedb", traceText);
    }

    private static async Task<IBrowser> LaunchAsync()
    {
        return await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = await Chromium.PathAsync(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking"],
        });
    }

    /// <summary>The page's visible text once it satisfies <paramref name="ready"/> (the dashboard fills in over its live connection).</summary>
    private static async Task<string> WaitForTextAsync(IPage page, Func<string, bool> ready)
    {
        using var timeout = new CancellationTokenSource(PageWait);
        var text = "";
        while (!timeout.IsCancellationRequested)
        {
            text = await page.EvaluateExpressionAsync<string>("document.body ? document.body.innerText : ''");
            if (ready(text))
            {
                return text;
            }
            await Task.Delay(500);
        }
        throw new Xunit.Sdk.XunitException($"The dashboard page never showed what was expected; its text was:\n{text}");
    }

    private static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
