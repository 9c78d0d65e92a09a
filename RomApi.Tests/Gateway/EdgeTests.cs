using static RomApi.Tests.Infrastructure.GatewayClients;

namespace RomApi.Tests.Gateway;

public sealed class EdgeTests(SystemFixture system) : SystemTest(system)
{
    [Fact]
    public async Task Answers_carry_security_headers_and_rate_limit_headers()
    {
        using var response = await Gateway.GetAsync("/api/v1/categories");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.True(int.Parse(response.Headers.GetValues("RateLimit-Limit").Single()) > 0);
        Assert.True(int.Parse(response.Headers.GetValues("RateLimit-Remaining").Single()) >= 0);
        Assert.True(int.Parse(response.Headers.GetValues("RateLimit-Reset").Single()) >= 0);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_in_the_envelope()
    {
        var account = await RegisterAsync(Gateway);
        using var request = Bearer(HttpMethod.Post, "/api/v1/api-resources/ingest", account.AccessToken);
        request.Content = new ByteArrayContent(new byte[33 * 1024 * 1024]);
        request.Content.Headers.ContentType = new("application/json");
        // As a careful client does with a big body: wait for the go-ahead, so the early 413 is read instead of a broken upload.
        request.Headers.ExpectContinue = true;

        using var response = await Gateway.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("PAYLOAD_TOO_LARGE", await ErrorCodeAsync(response));
    }

    [Fact]
    public async Task Gateway_metrics_count_requests_by_route_and_backend_and_auth_failures_by_reason()
    {
        using var ok = await Gateway.GetAsync("/api/v1/categories");
        using var refused = await Gateway.SendAsync(Bearer(HttpMethod.Get, "/api/v1/categories", "not.a.token"));

        var metrics = await Eventually.UntilAsync(() => Gateway.GetAsAdminStringAsync("/metrics", Fixture.Credentials),
            text => text.Contains("romapi_gateway_auth_failures") && text.Contains("romapi_gateway_requests"),
            TimeSpan.FromSeconds(30), "the gateway metrics");

        Assert.Contains("service=\"resourceservice\"", metrics);
        Assert.Contains("reason=\"invalid_token\"", metrics);
        Assert.Contains("romapi_gateway_circuit_state", metrics);
    }

    [Fact]
    public async Task A_request_the_client_abandons_is_logged_and_counted_as_499_not_as_a_bad_request()
    {
        const string route = "resourceservice-api-resources-ingest-timeout";
        var account = await RegisterAsync(Gateway);
        var requestId = $"abandoned-{Guid.NewGuid():N}";
        using var request = Bearer(HttpMethod.Post, "/api/v1/api-resources/ingest", account.AccessToken);
        request.Headers.Add("X-Request-ID", requestId);
        var bodyStarted = new TaskCompletionSource();
        request.Content = new OpenEndedBody(bodyStarted);
        using var hangUp = new CancellationTokenSource();

        var sending = Gateway.SendAsync(request, hangUp.Token);
        await bodyStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // Headers and the start of the body are through the gateway by now; the service waits for the rest of the body.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        await hangUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);

        var line = await Fixture.App.FindLogLineAsync("gateway", text => text.Contains(requestId, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.True(line is not null, "no request log line for the abandoned request");
        // The scrape may be cached for a moment: wait for one taken after the request.
        var metrics = await Eventually.UntilAsync(() => Gateway.GetAsAdminStringAsync("/metrics", Fixture.Credentials),
            text => PrometheusText.Sum(text, "romapi_gateway_requests_total", ("route", route), ("status", "499")) >= 1,
            TimeSpan.FromSeconds(30), "the abandoned request in the gateway metrics");

        Assert.Contains("POST /api/v1/api-resources/ingest -> 499 ", line);
        Assert.True(PrometheusText.Sum(metrics, "romapi_gateway_requests_total", ("route", route), ("status", "499")) >= 1);
    }
}
