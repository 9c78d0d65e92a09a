using RomApi.Tests.WholeSystem.Hardening.Fuzz;
using System.Globalization;
using Xunit.Abstractions;

namespace RomApi.Tests.WholeSystem.Hardening;

/// <summary>
/// The fuzzing harness (issue 14): every operation of the gateway's combined OpenAPI document gets its hostile variants as an
/// anonymous caller, a user and the admin; every date-time parameter the document declares gets the boundary dates (year 1,
/// year 9999, past them) with each value of the operation's enums. It fails on any 5xx, any 4xx without the error envelope
/// (Kestrel's own refusals included), any answer that shows internals, any request left unanswered, and any change in the data. Seeded (FUZZ_SEED) so that a failure replays; bounded in time. Run it alone and see its counts
/// with: dotnet test RomApi.Tests --filter FuzzHarness --logger "console;verbosity=detailed".
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class FuzzHarnessTests(SystemFixture system, ITestOutputHelper output)
{
    private const int DefaultSeed = 14;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(80);
    // A loopback address of its own: the fuzzer's failed logins must not throttle the other tests' client address.
    private static readonly IPAddress FuzzerAddress = IPAddress.Parse("127.0.3.14");

    [Fact]
    public async Task Hostile_variants_of_every_operation_get_no_5xx_leak_nothing_and_change_no_data()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), CultureInfo.InvariantCulture, out var chosen) ? chosen : DefaultSeed;
        var random = new Random(seed);
        using var gateway = system.CreateGatewayClient();
        var document = JsonDocument.Parse(await gateway.GetStringAsync("/docs/openapi.json")).RootElement;
        var operations = ApiOperation.AllOf(document);
        var user = await system.Credentials.NewUserAsync();
        var admin = await system.Credentials.AdminAsync();
        var knownIds = await RealItemsAsync(user);
        var variants = new HostileRequests(new SchemaResolver(document), random, knownIds);
        var callers = Enum.GetValues<FuzzCaller>();
        var plan = operations.SelectMany(variants.For).SelectMany(request => callers.Select(caller => (caller, request)))
            .OrderBy(_ => random.Next()).ToList();

        var clients = new Dictionary<FuzzCaller, HttpClient>
        {
            [FuzzCaller.Anonymous] = Client(Caller.Anonymous),
            [FuzzCaller.User] = Client(user),
            [FuzzCaller.Admin] = Client(admin),
        };
        var report = new FuzzReport(seed);
        var before = await DataSnapshot.TakeAsync(system);
        try
        {
            await new Fuzzer(clients, report).RunAsync(plan, Budget);
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }
        var after = await DataSnapshot.TakeAsync(system);
        foreach (var (table, fingerprint) in before.Where(entry => after[entry.Key] != entry.Value))
        {
            report.Finding($"data changed in {table}: {fingerprint} -> {after[table]}");
        }
        output.WriteLine($"{operations.Count} operations from /docs/openapi.json");
        output.WriteLine(report.Summary());

        Assert.True(report.Findings.Count == 0, report.Summary());
        Assert.True(report.Requests > 0, "nothing was sent");
    }

    /// <summary>A resource of the fuzzing user (with an image) and a category, for single-field bodies to reach the field checks.</summary>
    private async Task<IReadOnlyDictionary<string, string>> RealItemsAsync(Caller user)
    {
        using var gateway = user.GatewayClient(system);
        using var created = await gateway.PostAsJsonAsync("/api/v1/api-resources", new { name = $"Fuzz target {Guid.NewGuid():N}", resourceType = "API", description = "fuzz" });
        var resource = (await GatewayClients.ReadAsync(created, HttpStatusCode.Created)).GetProperty("data").GetProperty("id").GetString()!;
        using var categories = await gateway.GetAsync("/api/v1/categories?flat=true");
        var category = (await GatewayClients.ReadAsync(categories, HttpStatusCode.OK)).GetProperty("data")[0].GetProperty("id").GetString()!;
        return new Dictionary<string, string>
        {
            ["/api/v1/api-resources/{id}"] = resource,
            ["/api/v1/categories/{id}"] = category,
            ["/api/v1/analytics/resources/{id}"] = resource,
        };
    }

    private HttpClient Client(Caller caller)
    {
        var client = GatewayClients.FromAddress(system.CreateGatewayClient().BaseAddress!, FuzzerAddress);
        client.Timeout = TimeSpan.FromSeconds(30);
        if (caller.AccessToken is { } token)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"Bearer {token}");
        }
        return client;
    }
}
