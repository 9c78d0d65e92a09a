using RomApi.Tests.Infrastructure;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace RomApi.Tests.EndToEnd;

[Collection(SystemCollection.Name)]
public sealed class DashboardTests(SystemFixture system)
{
    private static readonly string[] Resources =
        ["postgres", "identitydb", "resourcedb", "analyticsdb", "cache", "search", "analyticsservice", "resourceservice", "searchservice", "gateway"];

    [Fact]
    public async Task Dashboard_api_lists_every_resource_healthy_with_endpoints_and_replicas()
    {
        using var client = new HttpClient { BaseAddress = system.App.DashboardUrl };
        var resources = await client.GetFromJsonAsync<JsonElement>("/api/resources");
        var byName = resources.EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);

        foreach (var name in Resources)
        {
            Assert.True(byName.ContainsKey(name), $"missing {name}");
            Assert.Equal("Healthy", byName[name].GetProperty("health").GetString());
        }
        var gateway = byName["gateway"];
        Assert.StartsWith("http://127.0.0.1:", gateway.GetProperty("endpoints")[0].GetString());
        Assert.True(gateway.GetProperty("replicas")[0].GetProperty("processId").GetInt32() > 0);
    }

    [Fact]
    public async Task Dashboard_serves_each_resources_console_output()
    {
        using var client = new HttpClient { BaseAddress = system.App.DashboardUrl };
        var lines = await client.GetFromJsonAsync<JsonElement>("/api/resources/resourceservice/logs");

        Assert.Contains(lines.EnumerateArray(), line => line.GetProperty("text").GetString()!.Contains("Now listening on", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dashboard_page_renders_in_headless_chromium_with_every_resource_and_a_screenshot()
    {
        var chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);
        Assert.True(chromium is not null, "Chromium is required for this test: apt-get install -y chromium (.ci/run installs it).");

        var output = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(output);
        var screenshot = Path.Combine(output, "dashboard.png");
        File.Delete(screenshot);
        var url = system.App.DashboardUrl!.ToString();

        var dom = await RunChromiumAsync(chromium!, ["--dump-dom", url]);
        await RunChromiumAsync(chromium!, [$"--screenshot={screenshot}", "--window-size=1400,1000", url]);

        foreach (var name in Resources)
        {
            Assert.Contains($"data-resource=\"{name}\"", dom);
        }
        Assert.Contains("Healthy", dom);
        Assert.Contains($"{Resources.Length}/{Resources.Length} healthy", dom);
        var png = await File.ReadAllBytesAsync(screenshot);
        Assert.True(png.Length > 10_000, $"screenshot is only {png.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
    }

    private static async Task<string> RunChromiumAsync(string chromium, string[] arguments)
    {
        var info = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                     $"--user-data-dir={Path.Combine(Path.GetTempPath(), "romapi-chromium-" + Guid.NewGuid().ToString("N"))}",
                     "--virtual-time-budget=4000", .. arguments])
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}
