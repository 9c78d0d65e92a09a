namespace RomApi.Tests.ResourceService;

/// <summary>
/// Callers of the resource API through the gateway, with real credentials (<see cref="GatewayCredentials"/>). Internal endpoints
/// (not routed by the gateway) are called on the resource service directly with a service token minted with the shared key.
/// </summary>
public sealed class ResourceTestClient(SystemFixture system)
{
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, Caller caller, object? body = null,
        Action<HttpRequestMessage>? configure = null, string? rawBody = null, string contentType = "application/json")
    {
        using var client = system.CreateGatewayClient();
        var request = new HttpRequestMessage(method, path);
        caller.Authenticate(request);
        if (rawBody is not null)
        {
            request.Content = new StringContent(rawBody, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType());
        }
        configure?.Invoke(request);
        return await client.SendAsync(request);
    }

    /// <summary>A request to the resource service itself, bypassing the gateway, with <paramref name="identity"/>'s token if any.</summary>
    public async Task<HttpResponseMessage> SendToServiceAsync(HttpMethod method, string path, PlatformIdentity? identity,
        Action<HttpRequestMessage>? configure = null)
    {
        using var client = system.App.CreateHttpClient("resourceservice");
        var request = new HttpRequestMessage(method, path);
        if (identity is not null)
        {
            request.Headers.Add(PlatformTokenService.HeaderName, await system.IssueAsync(identity));
        }
        configure?.Invoke(request);
        return await client.SendAsync(request);
    }

    public async Task<JsonElement> CreateAsync(Caller caller, object body)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/v1/api-resources", caller, body);
        var json = await ReadAsync(response);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"create answered {(int)response.StatusCode}: {json}");
        return json.GetProperty("data");
    }

    public async Task<JsonElement> CreatePublishedAsync(Caller owner, object body)
    {
        var created = await CreateAsync(owner, body);
        using var published = await SendAsync(HttpMethod.Post, $"/api/v1/api-resources/{Id(created)}/publish", await system.Credentials.AdminAsync());
        var json = await ReadAsync(published);
        Assert.True(published.IsSuccessStatusCode, $"publish answered {(int)published.StatusCode}: {json}");
        return json.GetProperty("data");
    }

    public static string Id(JsonElement resource) => resource.GetProperty("id").GetString()!;

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }

    public static string UniqueName(string prefix) => $"{prefix} {Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>A service identity token, as services send to each other's internal endpoints.</summary>
    public Task<string> ServiceTokenAsync(string service) => system.IssueAsync(PlatformIdentity.Service(service));

}
