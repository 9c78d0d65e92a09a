namespace RomApi.Tests.WholeSystem.EndToEnd;

public sealed class GatewayTests(SystemFixture system) : SystemTest(system)
{
    [Fact]
    public async Task Gateway_health_lists_every_downstream_service_and_dependency_as_healthy()
    {
        // The per-dependency detail is for operators: an admin's token on the public port.
        using var response = await Gateway.GetAsAdminAsync("/health", Fixture.Credentials);
        var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        var checks = health.GetProperty("checks").EnumerateArray()
            .ToDictionary(check => check.GetProperty("name").GetString()!, check => check.GetProperty("status").GetString());
        foreach (var downstream in new[] { "resourceservice", "searchservice", "analyticsservice", "redis" })
        {
            Assert.True(checks.TryGetValue(downstream, out var status), $"/health does not list {downstream}: {string.Join(", ", checks.Keys)}");
            Assert.Equal("Healthy", status);
        }
    }

    [Theory]
    [InlineData("/api/v1/categories")]
    [InlineData("/api/v1/api-resources?limit=5")]
    [InlineData("/api/v1/search?q=pharmacie")]
    [InlineData("/api/v1/analytics/top?eventType=VIEW")]
    public async Task Gateway_routes_each_feature_to_its_service_and_answers_in_the_success_envelope(string path)
    {
        using var response = await Gateway.GetAsync(path);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.Equal(JsonValueKind.Array, body.GetProperty("data").ValueKind);
        Assert.True(body.TryGetProperty("timestamp", out _));
    }

    [Fact]
    public async Task A_sane_client_request_id_is_echoed_and_a_missing_one_is_generated()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/categories");
        request.Headers.Add("X-Request-ID", "test-req-42");
        using var echoed = await Gateway.SendAsync(request);
        using var generated = await Gateway.GetAsync("/api/v1/categories");

        Assert.Equal("test-req-42", echoed.Headers.GetValues("X-Request-ID").Single());
        var newId = generated.Headers.GetValues("X-Request-ID").Single();
        Assert.False(string.IsNullOrWhiteSpace(newId));
        Assert.NotEqual("test-req-42", newId);
    }

    [Fact]
    public async Task An_insane_request_id_is_replaced()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/categories");
        request.Headers.TryAddWithoutValidation("X-Request-ID", new string('x', 300));
        using var response = await Gateway.SendAsync(request);

        Assert.NotEqual(new string('x', 300), response.Headers.GetValues("X-Request-ID").Single());
    }

    [Theory]
    [InlineData("/api/v1/nothing-here", 404, "NOT_FOUND")]
    [InlineData("/api/v1/api-resources?limit=0", 400, "BAD_REQUEST")]
    [InlineData("/api/v1/api-resources?limit=abc", 400, "BAD_REQUEST")]
    [InlineData("/api/v1/api-resources/00000000-0000-0000-0000-000000000001", 404, "NOT_FOUND")]
    public async Task Errors_come_in_the_error_envelope_with_path_method_and_request_id(string path, int status, string code)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Request-ID", "err-check-1");
        using var response = await Gateway.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var error = JsonDocument.Parse(text).RootElement;

        Assert.Equal(status, (int)response.StatusCode);
        Assert.False(error.GetProperty("success").GetBoolean());
        var body = error.GetProperty("error");
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.Equal("GET", body.GetProperty("method").GetString());
        Assert.Equal(path.Split('?')[0], body.GetProperty("path").GetString());
        Assert.Equal("err-check-1", body.GetProperty("requestId").GetString());
        Assert.DoesNotContain("   at ", text);
    }

    [Theory]
    [InlineData("gateway")]
    [InlineData("resourceservice")]
    [InlineData("searchservice")]
    [InlineData("analyticsservice")]
    public async Task Every_service_serves_alive_prometheus_metrics_and_openapi(string service)
    {
        using var client = Fixture.App.CreateHttpClient(service);
        using var alive = await client.GetAsync("/alive");
        // One request first, so the request-duration histogram has a sample.
        // The gateway serves its metrics on the public port to admins only.
        using var metrics = service == "gateway" ? await client.GetAsAdminAsync("/metrics", Fixture.Credentials) : await client.GetAsync("/metrics");
        using var metricsAgain = service == "gateway" ? await client.GetAsAdminAsync("/metrics", Fixture.Credentials) : await client.GetAsync("/metrics");
        var text = await metricsAgain.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(HttpStatusCode.OK, metricsAgain.StatusCode);
        Assert.Contains("# TYPE", text);
        Assert.Contains("http_server_request_duration_seconds", text);
        if (service != "gateway")
        {
            using var openApi = await client.GetAsync("/openapi/v1.json");
            Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
            Assert.Contains("\"openapi\"", await openApi.Content.ReadAsStringAsync());
        }
    }
}
