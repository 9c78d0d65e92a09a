using static RomApi.Tests.AnalyticsService.AnalyticsTestKit;

namespace RomApi.Tests.AnalyticsService;

public sealed class EventBadInputTests(SystemFixture system) : AnalyticsTest(system)
{
    [Fact]
    public async Task A_mixed_batch_takes_the_good_events_and_lists_each_bad_one_by_index_without_storing_it()
    {
        var (owner, resource) = await Kit.NewOwnedResourceAsync();
        var unknownResource = Guid.NewGuid();
        var json = $$$"""
            {"events": [
              {"resourceId": "{{{resource}}}", "eventType": "CLICK", "metadata": {"button": "call"}},
              {"resourceId": "{{{unknownResource}}}", "eventType": "VIEW"},
              {"resourceId": "{{{resource}}}", "eventType": "SHARE", "createdAt": "{{{Iso(DateTimeOffset.UtcNow.AddHours(2))}}}"},
              {"resourceId": "{{{resource}}}", "eventType": "SHARE", "createdAt": "{{{Iso(DateTimeOffset.UtcNow.AddDays(-90))}}}"},
              {"resourceId": "{{{resource}}}", "eventType": "VIEW", "metadata": {"blob": "{{{new string('x', 5000)}}}"}},
              {"resourceId": "{{{resource}}}", "eventType": 5},
              {"resourceId": "not-a-uuid", "eventType": "VIEW"},
              {"resourceId": "{{{resource}}}", "eventType": "API_REQUEST"},
              {"resourceId": "{{{resource}}}", "eventType": "DANCE"},
              {"eventType": "VIEW"},
              {"resourceId": "{{{resource}}}", "eventType": "SHARE", "metadata": [1, 2]},
              {"resourceId": "{{{resource}}}", "eventType": "SHARE", "metadata": {"bad": "\u0000"}},
              "just a string",
              {"resourceId": "{{{resource}}}", "eventType": "VIEW"}
            ]}
            """;
        using var client = Kit.GatewayAs(await Kit.NewUserAsync());

        using var response = await client.PostAsync("/api/v1/analytics/events", new StringContent(json, Encoding.UTF8, "application/json"));
        var data = await ReadDataAsync(response);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        // A client's createdAt is not checked but ignored (events 2 and 3 are dated when received): only services date events.
        Assert.Equal(4, data["accepted"]!.GetValue<int>());
        Assert.Equal(10, data["rejected"]!.GetValue<int>());
        var errors = data["errors"]!.AsArray().Select(e => (Index: e!["index"]!.GetValue<int>(), Code: e["code"]!.GetValue<string>())).ToList();
        Assert.Equal(
        [
            (1, "UNKNOWN_RESOURCE"), (4, "METADATA_TOO_LARGE"), (5, "MALFORMED_EVENT"),
            (6, "MALFORMED_EVENT"), (7, "EVENT_TYPE_NOT_ALLOWED"), (8, "VALIDATION_ERROR"), (9, "VALIDATION_ERROR"), (10, "VALIDATION_ERROR"),
            (11, "VALIDATION_ERROR"), (12, "MALFORMED_EVENT"),
        ], errors);
        Assert.All(data["errors"]!.AsArray(), e => Assert.False(string.IsNullOrWhiteSpace(e!["message"]!.GetValue<string>())));

        var stats = await Kit.StatsWhenAsync(resource, owner, "interval=day", s => Total(s, "CLICK") == 1 && Total(s, "VIEW") == 1 && Total(s, "SHARE") == 2);
        Assert.Equal(4, await Kit.StoredEventCountAsync(resource));
        Assert.Equal(0, await Kit.StoredEventCountAsync(unknownResource));
    }

    [Fact]
    public async Task Only_a_services_timestamps_are_checked_and_kept()
    {
        var (owner, resource) = await Kit.NewOwnedResourceAsync();

        var result = await Kit.PostInternalAsync(new
        {
            events = new[]
            {
                new { resourceId = resource, eventType = "SHARE", createdAt = Iso(DateTimeOffset.UtcNow.AddHours(2)) },
                new { resourceId = resource, eventType = "SHARE", createdAt = Iso(DateTimeOffset.UtcNow.AddDays(-90)) },
                new { resourceId = resource, eventType = "SHARE", createdAt = Iso(DateTimeOffset.UtcNow.AddDays(-3)) },
            },
        });

        var errors = result["errors"]!.AsArray().Select(e => (Index: e!["index"]!.GetValue<int>(), Code: e["code"]!.GetValue<string>())).ToList();
        Assert.Equal([(0, "TIMESTAMP_IN_FUTURE"), (1, "TIMESTAMP_TOO_OLD")], errors);
        await Kit.StatsWhenAsync(resource, owner, "interval=day", s => Total(s, "SHARE") == 1);
        var stored = await Kit.QueryAnalyticsDbAsync<DateTime>("SELECT min(created_at) FROM analytics_events WHERE resource_id = @r", ("r", resource));
        Assert.True(stored < DateTime.UtcNow.AddDays(-2), $"the service's createdAt is kept: {stored:O}");
    }

    [Theory]
    [InlineData("{\"events\": [", "application/json", 400, "BAD_REQUEST")]
    [InlineData("[1, 2]", "application/json", 400, "BAD_REQUEST")]
    [InlineData("{\"events\": []}", "application/json", 400, "BAD_REQUEST")]
    [InlineData("{\"events\": {}}", "application/json", 400, "BAD_REQUEST")]
    [InlineData("{\"eventType\": \"VIEW\"}", "text/plain", 415, "UNSUPPORTED_MEDIA_TYPE")]
    public async Task An_unreadable_body_fails_the_request_in_the_error_envelope(string body, string contentType, int status, string code)
    {
        using var client = Kit.GatewayAs(Caller.Anonymous);

        using var response = await client.PostAsync("/api/v1/analytics/events", new StringContent(body, Encoding.UTF8, contentType));
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(status, (int)response.StatusCode);
        Assert.False(error["success"]!.GetValue<bool>());
        Assert.Equal(code, error["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task More_than_1000_events_in_one_request_is_413_and_nothing_is_stored()
    {
        var resource = await Kit.CreateResourceAsync(Guid.NewGuid());
        using var client = await Kit.AnalyticsServiceAsAsync(PlatformIdentity.Service("searchservice"));

        using var response = await client.PostAsJsonAsync("/internal/events",
            new { events = Enumerable.Range(0, 1001).Select(_ => new { resourceId = resource, eventType = "VIEW" }) });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("PAYLOAD_TOO_LARGE", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["code"]!.GetValue<string>());
        Assert.Equal(0, await Kit.StoredEventCountAsync(resource));
    }

    [Fact]
    public async Task The_internal_endpoint_wants_a_service_token_and_is_not_routed_by_the_gateway()
    {
        var body = new { events = new[] { new { eventType = "SEARCH", metadata = new { query = "x", resultCount = 0 } } } };
        using var anonymous = await Kit.AnalyticsServiceAsAsync(null);
        using var user = await Kit.AnalyticsServiceAsAsync(MintedUser());
        // Not even a client presenting a valid service token to the gateway (it strips the header) reaches the endpoint.
        using var gateway = Kit.GatewayAs(await Kit.AdminAsync());
        gateway.DefaultRequestHeaders.Add(PlatformTokenService.HeaderName, await Kit.ServiceTokenAsync("searchservice"));

        using var anonymousResponse = await anonymous.PostAsJsonAsync("/internal/events", body);
        using var userResponse = await user.PostAsJsonAsync("/internal/events", body);
        using var gatewayResponse = await gateway.PostAsJsonAsync("/internal/events", body);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymousResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, userResponse.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gatewayResponse.StatusCode);
    }

    [Fact]
    public async Task An_api_key_without_analytics_write_cannot_post_events()
    {
        var resource = await Kit.CreateResourceAsync(Guid.NewGuid());
        using var client = Kit.GatewayAs(await Kit.ApiKeyAsync(await Kit.NewUserAsync(), Permissions.ResourcesRead));

        using var response = await client.PostAsJsonAsync("/api/v1/analytics/events", new { resourceId = resource, eventType = "VIEW" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
