namespace RomApi.Tests.Infrastructure;

/// <summary>
/// Who a test request goes through the gateway as: nobody, a user's access token, or an API key. The gateway turns these real
/// credentials into the platform identity the services see; tests never mint that identity for requests through the gateway.
/// </summary>
public sealed record Caller(string Description, Guid? UserId, string? AccessToken = null, string? ApiKey = null)
{
    public static readonly Caller Anonymous = new("anonymous", null);

    /// <summary>The user (or the API key's owner) behind this caller.</summary>
    public Guid Id => UserId ?? throw new InvalidOperationException($"The {Description} caller has no user.");

    public void Authenticate(HttpRequestMessage request) => Authenticate(request.Headers);

    /// <summary>A gateway client whose every request carries this caller's credentials.</summary>
    public HttpClient GatewayClient(SystemFixture system)
    {
        var client = system.CreateGatewayClient();
        Authenticate(client.DefaultRequestHeaders);
        return client;
    }

    private void Authenticate(HttpHeaders headers)
    {
        if (AccessToken is not null)
        {
            headers.TryAddWithoutValidation("Authorization", $"Bearer {AccessToken}");
        }
        if (ApiKey is not null)
        {
            headers.TryAddWithoutValidation("X-API-Key", ApiKey);
        }
    }

    public override string ToString() => Description;
}
