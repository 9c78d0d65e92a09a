using static RomApi.Tests.AnalyticsService.AnalyticsTestKit;

namespace RomApi.Tests.AnalyticsService;

public sealed class BufferFullTests(DurabilityFixture system) : DurabilityTest(system)
{
    [Fact]
    public async Task A_full_buffer_answers_503_with_Retry_After_takes_nothing_of_that_request_and_every_accepted_event_is_stored()
    {
        // Each event has a client id, so the stored rows say exactly which requests were taken.
        var resource = Guid.NewGuid();
        using var client = await Kit.AnalyticsServiceAsAsync(PlatformIdentity.Service("resourceservice"));
        var accepted = new List<Guid>();
        Guid[] Batch(int size) => Enumerable.Range(0, size).Select(_ => Guid.NewGuid()).ToArray();
        Task<HttpResponseMessage> PostAsync(Guid[] ids) =>
            client.PostAsJsonAsync("/internal/events", new { events = ids.Select(id => new { id, resourceId = resource, eventType = "VIEW" }) }, Json);
        async Task AcceptedAsync(Guid[] ids)
        {
            using var response = await PostAsync(ids);
            Assert.Equal(ids.Length, (await ReadDataAsync(response))["accepted"]!.GetValue<int>());
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            accepted.AddRange(ids);
        }

        // 4 + 4 of the 10 places: the writer holds these 8 waiting for a full batch.
        await AcceptedAsync(Batch(4));
        await AcceptedAsync(Batch(4));
        var refused = Batch(4);
        using (var full = await PostAsync(refused))
        {
            var body = JsonNode.Parse(await full.Content.ReadAsStringAsync())!;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, full.StatusCode);
            Assert.Equal("1", Assert.Single(full.Headers.GetValues("Retry-After")));
            Assert.False(body["success"]!.GetValue<bool>());
            Assert.Equal("SERVICE_UNAVAILABLE", body["error"]!["code"]!.GetValue<string>());
        }
        Assert.Equal(0, await Kit.StoredEventCountAsync(resource));
        // 2 more fill the buffer and the batch exactly: the writer stores the 10.
        await AcceptedAsync(Batch(2));
        await Eventually.UntilAsync(() => Kit.StoredEventCountAsync(resource), count => count >= 10, TimeSpan.FromSeconds(60), "the full batch to be stored");
        Assert.Equal(accepted.Order(), await StoredIdsAsync(resource));

        // The refused request, retried as it was when Retry-After allows (the writer frees the places once it has committed),
        // is taken whole; 6 more fill the batch again, so the buffer is left empty for the next test.
        using (var retried = await Eventually.UntilAsync(() => PostAsync(refused), r => r.StatusCode == HttpStatusCode.Accepted,
                   TimeSpan.FromSeconds(60), "the refused request to be accepted on retry"))
        {
            Assert.Equal(refused.Length, (await ReadDataAsync(retried))["accepted"]!.GetValue<int>());
            accepted.AddRange(refused);
        }
        await AcceptedAsync(Batch(6));
        await Eventually.UntilAsync(() => Kit.StoredEventCountAsync(resource), count => count >= 20, TimeSpan.FromSeconds(60), "the second batch to be stored");
        Assert.Equal(accepted.Order(), await StoredIdsAsync(resource));
    }

    /// <summary>Ids sorted here: PostgreSQL orders uuids differently from <see cref="Guid.CompareTo(Guid)"/>.</summary>
    private async Task<IReadOnlyList<Guid>> StoredIdsAsync(Guid resource) =>
        (await Kit.QueryAnalyticsDbAsync<Guid[]>("SELECT coalesce(array_agg(id), '{}') FROM analytics_events WHERE resource_id = @r", ("r", resource)))!
        .Order().ToList();
}
