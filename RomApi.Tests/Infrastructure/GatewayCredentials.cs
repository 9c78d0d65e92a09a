namespace RomApi.Tests.Infrastructure;

/// <summary>
/// Real credentials from the gateway of the shared system: fresh registered users, the seeded admin, API keys. The admin's login
/// is shared by the whole run (renewed well before its access token expires); users are fresh, so tests never share one.
/// </summary>
public sealed class GatewayCredentials(SystemFixture system)
{
    private const string AdminEmail = "admin@romapi.local";
    private static readonly TimeSpan AdminRenewal = TimeSpan.FromMinutes(10);
    private readonly SemaphoreSlim _adminLock = new(1, 1);
    private (Caller Caller, DateTimeOffset LoggedInAt)? _admin;

    /// <summary>A newly registered user (BUSINESS or INDIVIDUAL, plan FREE), its id as /api/v1/auth/me gives it.</summary>
    public async Task<Caller> NewUserAsync(string userType = "BUSINESS")
    {
        using var gateway = system.CreateGatewayClient();
        var account = await GatewayClients.RegisterAsync(gateway, userType.ToLowerInvariant(), userType);
        using var me = await gateway.SendAsync(GatewayClients.Bearer(HttpMethod.Get, "/api/v1/auth/me", account.AccessToken));
        var id = (await GatewayClients.ReadAsync(me, HttpStatusCode.OK)).GetProperty("data").GetProperty("id").GetGuid();
        return new Caller($"{userType} {account.Email}", id, AccessToken: account.AccessToken);
    }

    /// <summary>The admin seeded from identity-secrets, logged in.</summary>
    public async Task<Caller> AdminAsync()
    {
        await _adminLock.WaitAsync();
        try
        {
            if (_admin is not { } admin || DateTimeOffset.UtcNow - admin.LoggedInAt > AdminRenewal)
            {
                var loggedInAt = DateTimeOffset.UtcNow;
                admin = (await LogInAdminAsync(), loggedInAt);
                _admin = admin;
            }
            return admin.Caller;
        }
        finally
        {
            _adminLock.Release();
        }
    }

    /// <summary>An API key with <paramref name="permissions"/>, created by <paramref name="owner"/> through the gateway.</summary>
    public async Task<Caller> ApiKeyAsync(Caller owner, params string[] permissions)
    {
        using var gateway = system.CreateGatewayClient();
        using var request = GatewayClients.Bearer(HttpMethod.Post, "/api/v1/api-keys",
            owner.AccessToken ?? throw new InvalidOperationException($"The {owner} caller cannot create API keys."));
        request.Content = JsonContent.Create(new { name = "test key", permissions });
        using var response = await gateway.SendAsync(request);
        var key = (await GatewayClients.ReadAsync(response, HttpStatusCode.Created)).GetProperty("data").GetProperty("key").GetString()!;
        return new Caller($"API key of {owner} ({string.Join(' ', permissions)})", owner.Id, ApiKey: key);
    }

    private async Task<Caller> LogInAdminAsync()
    {
        var secrets = new DbConnectionStringBuilder { ConnectionString = await system.App.GetConnectionStringAsync("identity-secrets") };
        var password = secrets["AdminPassword"].ToString()!;
        using var gateway = system.CreateGatewayClient();
        // The gateway seeds the admin in the background once its migrations are in.
        using var response = await Eventually.UntilAsync(
            () => gateway.PostAsJsonAsync("/api/v1/auth/login", new { email = AdminEmail, password }),
            r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "the seeded admin to log in");
        var data = (await GatewayClients.ReadAsync(response, HttpStatusCode.OK)).GetProperty("data");
        return new Caller("admin", data.GetProperty("user").GetProperty("id").GetGuid(), AccessToken: data.GetProperty("accessToken").GetString()!);
    }
}
