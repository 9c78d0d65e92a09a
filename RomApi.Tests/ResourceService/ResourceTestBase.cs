namespace RomApi.Tests.ResourceService;

/// <summary>
/// A resource test with its own freshly registered owner and another user, and the seeded admin, all signed in through the
/// gateway before the test runs.
/// </summary>
public abstract class ResourceTestBase(SystemFixture system) : SystemTest(system), IAsyncLifetime
{
    protected ResourceTestClient Api { get; } = new(system);
    protected GatewayCredentials Credentials => Fixture.Credentials;
    protected static Caller Anonymous => Caller.Anonymous;
    protected Caller Owner { get; private set; } = Caller.Anonymous;
    protected Caller OtherUser { get; private set; } = Caller.Anonymous;
    protected Caller Admin { get; private set; } = Caller.Anonymous;
    protected Guid OwnerId => Owner.Id;

    public async Task InitializeAsync()
    {
        var owner = Credentials.NewUserAsync();
        var otherUser = Credentials.NewUserAsync("INDIVIDUAL");
        var admin = Credentials.AdminAsync();
        (Owner, OtherUser, Admin) = (await owner, await otherUser, await admin);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
