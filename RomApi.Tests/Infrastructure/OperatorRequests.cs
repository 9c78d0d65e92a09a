namespace RomApi.Tests.Infrastructure;

/// <summary>
/// The gateway's operator endpoints as the tests read them on its public port: /metrics and the detailed /health answer only an
/// admin's access token there (the management port answers anyone who reaches it).
/// </summary>
public static class OperatorRequests
{
    public static async Task<string> GetAsAdminStringAsync(this HttpClient client, string path, GatewayCredentials credentials)
    {
        using var response = await client.GetAsAdminAsync(path, credentials);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    public static async Task<HttpResponseMessage> GetAsAdminAsync(this HttpClient client, string path, GatewayCredentials credentials)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", (await credentials.AdminAsync()).AccessToken);
        return await client.SendAsync(request);
    }
}
