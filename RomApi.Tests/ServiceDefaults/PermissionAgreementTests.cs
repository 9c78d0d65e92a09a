using RomApi.Contracts.Access;
using RomApi.Gateway.Downstream;
using RomApi.Platform.Access;

namespace RomApi.Tests.ServiceDefaults;

/// <summary>
/// The permission the gateway asks of an API key for a route (its route table names the service, <see cref="RoutePermissions"/>
/// the permission) is the one the service itself enforces when the request reaches it directly: a service that maps a route
/// outside its public group, or under another service's name, fails here.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class PermissionAgreementTests(SystemFixture system)
{
    private static readonly Guid SomeId = Guid.NewGuid();

    public static TheoryData<string, string> Routes => new()
    {
        { "GET", "/api/v1/api-resources" },
        { "GET", $"/api/v1/api-resources/{SomeId}" },
        { "GET", "/api/v1/api-resources/slug/some-slug" },
        { "POST", "/api/v1/api-resources" },
        { "PUT", $"/api/v1/api-resources/{SomeId}" },
        { "PATCH", $"/api/v1/api-resources/{SomeId}" },
        { "DELETE", $"/api/v1/api-resources/{SomeId}" },
        { "POST", "/api/v1/api-resources/ingest" },
        { "POST", $"/api/v1/api-resources/{SomeId}/publish" },
        { "GET", $"/api/v1/api-resources/{SomeId}/hours" },
        { "PUT", $"/api/v1/api-resources/{SomeId}/hours" },
        { "GET", $"/api/v1/api-resources/{SomeId}/images" },
        { "POST", $"/api/v1/api-resources/{SomeId}/images" },
        { "DELETE", $"/api/v1/api-resources/{SomeId}/images/{SomeId}" },
        { "GET", "/api/v1/categories" },
        { "POST", "/api/v1/categories" },
        { "PUT", $"/api/v1/categories/{SomeId}" },
        { "DELETE", $"/api/v1/categories/{SomeId}" },
        { "GET", "/api/v1/search?q=pain" },
        { "POST", "/api/v1/analytics/events" },
        { "GET", "/api/v1/analytics/top" },
        { "GET", $"/api/v1/analytics/resources/{SomeId}/stats" },
        { "GET", "/api/v1/analytics/usage" },
        { "GET", "/api/v1/analytics/search/top-queries" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task The_service_asks_an_API_key_for_the_permission_the_gateway_asks_for(string method, string path)
    {
        var service = DownstreamServices.All.Single(s => s.PathPrefixes.Any(prefix => path.StartsWith(prefix, StringComparison.Ordinal))).Name;
        var required = RoutePermissions.Required(service, method);
        Assert.NotNull(required);

        var without = await SendAsync(service, method, path, Permissions.All.Where(p => p != required).ToArray());
        Assert.True(without.Status == HttpStatusCode.Forbidden && without.Body.Contains(required, StringComparison.Ordinal),
            $"{method} {path} straight to {service} without {required}: {(int)without.Status} {without.Body}");

        var with = await SendAsync(service, method, path, [required]);
        Assert.False(with.Body.Contains("lacks the permission", StringComparison.Ordinal),
            $"{method} {path} straight to {service} with only {required}: {(int)with.Status} {with.Body}");
    }

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(string service, string method, string path, string[] permissions)
    {
        var keyOfAnAdmin = new PlatformIdentity(Guid.NewGuid(), "key-owner@example.com", PlatformIdentity.AdminUserType, "ENTERPRISE", Guid.NewGuid(), permissions);
        using var client = system.App.CreateHttpClient(service);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Add(PlatformTokenService.HeaderName, await system.IssueAsync(keyOfAnAdmin));
        if (method is "POST" or "PUT" or "PATCH")
        {
            // A body that binds (the filter runs after binding): opening hours are a list, everything else an object.
            request.Content = new StringContent(path.EndsWith("/hours", StringComparison.Ordinal) ? "[]" : "{}", Encoding.UTF8, "application/json");
        }
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
