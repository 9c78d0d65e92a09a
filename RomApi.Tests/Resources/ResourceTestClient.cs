using Microsoft.Extensions.Options;
using RomApi.ServiceDefaults.PlatformAuth;
using RomApi.Tests.Infrastructure;
using System.Data.Common;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace RomApi.Tests.Resources;

/// <summary>
/// Callers of the resource API through the gateway. Until the gateway issues identities (issue 4), tests mint the platform
/// identity token with the shared signing key, as the gateway will.
/// </summary>
public sealed class ResourceTestClient(SystemFixture system)
{
    private PlatformTokenService? _tokens;

    public static readonly Guid OwnerId = Guid.NewGuid();
    public static readonly Guid OtherUserId = Guid.NewGuid();
    public static readonly Guid AdminId = Guid.NewGuid();

    public static PlatformIdentity Owner => User(OwnerId);
    public static PlatformIdentity OtherUser => User(OtherUserId);
    public static PlatformIdentity Admin => new(AdminId, "admin@test", PlatformIdentity.AdminUserType, "ENTERPRISE", null, []);
    public static PlatformIdentity Anonymous => PlatformIdentity.Anonymous;

    public static PlatformIdentity User(Guid id) => new(id, $"{id:N}@test", "BUSINESS", "FREE", null, []);

    public static PlatformIdentity ApiKey(Guid ownerId, params string[] permissions) =>
        new(ownerId, $"{ownerId:N}@test", "BUSINESS", "FREE", Guid.NewGuid(), permissions);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, PlatformIdentity caller, object? body = null,
        Action<HttpRequestMessage>? configure = null, string? rawBody = null, string contentType = "application/json")
    {
        using var client = system.CreateGatewayClient();
        var request = new HttpRequestMessage(method, path);
        if (caller.IsAuthenticated || caller.IsService)
        {
            request.Headers.Add(PlatformTokenService.HeaderName, (await TokensAsync()).Issue(caller));
        }
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

    public async Task<JsonElement> CreateAsync(PlatformIdentity caller, object body)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/v1/api-resources", caller, body);
        var json = await ReadAsync(response);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"create answered {(int)response.StatusCode}: {json}");
        return json.GetProperty("data");
    }

    public async Task<JsonElement> CreatePublishedAsync(PlatformIdentity owner, object body)
    {
        var created = await CreateAsync(owner, body);
        using var published = await SendAsync(HttpMethod.Post, $"/api/v1/api-resources/{Id(created)}/publish", Admin);
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

    public async Task<PlatformTokenService> TokensAsync()
    {
        if (_tokens is null)
        {
            var connection = await system.Application.GetConnectionStringAsync("platform-auth");
            var parts = new DbConnectionStringBuilder { ConnectionString = connection };
            _tokens = new PlatformTokenService(
                Options.Create(new PlatformAuthOptions { SigningKey = parts["SigningKey"].ToString()! }), TimeProvider.System);
        }
        return _tokens;
    }
}
