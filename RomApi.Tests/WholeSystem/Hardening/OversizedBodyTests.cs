using RomApi.Tests.Gateway;

namespace RomApi.Tests.WholeSystem.Hardening;

/// <summary>
/// A body larger than a service's own Kestrel default (about 30 MB) but within the gateway's 32 MiB, sent without
/// Expect: 100-continue, used to be cut off by the service mid-upload: 502 to the client, a failure on the service's circuit
/// breaker, and after five of them 503 for every client for 30 s. A client's bad request must never count against a backend.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class OversizedBodyTests(SystemFixture system)
{
    private const int BodyBytes = 30_400_000;

    [Theory]
    [InlineData("/api/v1/api-resources?limit=1")]
    [InlineData("/api/v1/search?q=hotel")]
    public async Task Five_oversized_requests_are_answered_without_a_5xx_and_an_ordinary_get_still_answers_200(string path)
    {
        var body = new byte[BodyBytes];
        Array.Fill(body, (byte)'a');
        using var gateway = system.CreateGatewayClient();

        var statuses = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            // HttpClient sends no Expect: 100-continue unless asked: the whole body goes out at once, as the attacker's did.
            using var request = new HttpRequestMessage(HttpMethod.Get, path) { Content = new ByteArrayContent(body) };
            using var response = await gateway.SendAsync(request);
            statuses.Add((int)response.StatusCode);
        }
        using var ordinary = await gateway.GetAsync(path);

        Assert.All(statuses, status => Assert.InRange(status, 200, 499));
        Assert.Equal(HttpStatusCode.OK, ordinary.StatusCode);
    }

    [Fact]
    public async Task Twelve_uploads_abandoned_mid_body_do_not_take_the_service_out_and_an_ordinary_get_answers_200()
    {
        // YARP's own passive health policy counts every forward error, the client's included: ten in a minute eject the only
        // replica for 60 s. The gateway's policy counts only what the service did (and a passing probe would end an ejection).
        var user = await system.Credentials.NewUserAsync();
        using var gateway = user.GatewayClient(system);
        for (var i = 0; i < 12; i++)
        {
            var started = new TaskCompletionSource();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/api-resources") { Content = new OpenEndedBody(started) };
            using var hangUp = new CancellationTokenSource();
            var sending = gateway.SendAsync(request, hangUp.Token);
            await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
            // Not a timing assertion: long enough for the start of the body to pass the gateway before the client gives up.
            await Task.Delay(TimeSpan.FromMilliseconds(200));
            await hangUp.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        }

        using var ordinary = await gateway.GetAsync("/api/v1/api-resources?limit=1");

        Assert.Equal(HttpStatusCode.OK, ordinary.StatusCode);
    }
}
