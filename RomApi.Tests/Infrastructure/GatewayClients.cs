namespace RomApi.Tests.Infrastructure;

/// <summary>A registered account as the tests use it.</summary>
public sealed record TestAccount(Guid Id, string Email, string Password, string AccessToken, string RefreshToken);

/// <summary>A created API key.</summary>
public sealed record TestApiKey(Guid Id, string Key, string KeyPrefix);

/// <summary>Accounts, tokens and keys through the gateway's public API, as a client would get them.</summary>
public static class GatewayClients
{
    public const string TestPassword = "correct horse battery";

    public static string NewEmail(string tag) => $"{tag}-{Guid.NewGuid():N}@example.com";

    public static async Task<TestAccount> RegisterAsync(HttpClient gateway, string tag = "user", string? userType = null)
    {
        var email = NewEmail(tag);
        using var response = await gateway.PostAsJsonAsync("/api/v1/auth/register", new { email, password = TestPassword, name = "Test " + tag, userType });
        var body = await ReadAsync(response, HttpStatusCode.Created);
        return ToAccount(body.GetProperty("data"), email, TestPassword);
    }

    public static async Task<TestAccount> LoginAsync(HttpClient gateway, string email, string password)
    {
        using var response = await gateway.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        var body = await ReadAsync(response, HttpStatusCode.OK);
        return ToAccount(body.GetProperty("data"), email, password);
    }

    public static async Task<TestAccount> RefreshAsync(HttpClient gateway, TestAccount account)
    {
        using var response = await gateway.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = account.RefreshToken });
        var body = await ReadAsync(response, HttpStatusCode.OK);
        return ToAccount(body.GetProperty("data"), account.Email, account.Password);
    }

    public static async Task<TestApiKey> CreateApiKeyAsync(
        HttpClient gateway, TestAccount owner, string[] permissions, int? rateLimit = null, DateTimeOffset? expiresAt = null)
    {
        using var request = Bearer(HttpMethod.Post, "/api/v1/api-keys", owner.AccessToken);
        request.Content = JsonContent.Create(new { name = "test key", permissions, rateLimit, expiresAt });
        using var response = await gateway.SendAsync(request);
        var data = (await ReadAsync(response, HttpStatusCode.Created)).GetProperty("data");
        return new TestApiKey(data.GetProperty("id").GetGuid(), data.GetProperty("key").GetString()!, data.GetProperty("keyPrefix").GetString()!);
    }

    public static HttpRequestMessage Bearer(HttpMethod method, string path, string accessToken)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        return request;
    }

    public static HttpRequestMessage WithApiKey(HttpMethod method, string path, string key, string header = "X-API-Key")
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation(header, key);
        return request;
    }

    /// <summary>
    /// A client whose connections come from another loopback address (127.0.0.0/8 all reaches this host), so a test can be a
    /// "different client IP" without sharing the per-IP limits of the other tests.
    /// </summary>
    public static HttpClient FromAddress(Uri baseAddress, IPAddress source) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    }) { BaseAddress = baseAddress };

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>A login refused by the throttle: 429 RATE_LIMIT_EXCEEDED in the envelope, with a Retry-After to wait for.</summary>
    public static async Task AssertLoginThrottledAsync(HttpResponseMessage response)
    {
        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        Assert.Equal("RATE_LIMIT_EXCEEDED", await ErrorCodeAsync(response));
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    public static async Task<string> ErrorCodeAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetString()!;

    private static TestAccount ToAccount(JsonElement data, string email, string password) => new(
        data.GetProperty("user").GetProperty("id").GetGuid(), email, password,
        data.GetProperty("accessToken").GetString()!, data.GetProperty("refreshToken").GetString()!);
}
