namespace RomApi.Tests.Infrastructure;

/// <summary>
/// Platform identity tokens signed with the system's platform-auth key, for calls straight to a service's internal endpoints
/// (which the gateway does not route). Requests through the gateway use <see cref="GatewayCredentials"/> instead.
/// </summary>
public static class PlatformTokens
{
    public static async Task<string> IssueAsync(this SystemFixture system, PlatformIdentity identity)
    {
        var connection = new DbConnectionStringBuilder
        {
            ConnectionString = await system.App.GetConnectionStringAsync(PlatformAuthOptions.ConnectionName),
        };
        var tokens = new PlatformTokenService(
            Options.Create(new PlatformAuthOptions { SigningKey = (string)connection["SigningKey"] }), TimeProvider.System);
        return tokens.Issue(identity);
    }
}
