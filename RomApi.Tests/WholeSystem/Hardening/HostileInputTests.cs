using static RomApi.Tests.ResourceService.BadInputChecks;

namespace RomApi.Tests.WholeSystem.Hardening;

/// <summary>
/// Regressions of the outside attack run (issue 14): each request once answered 500 (or 502, or a bare 400). Each must be a 4xx
/// in the error envelope that writes nothing.
/// </summary>
public sealed class HostileInputTests(SystemFixture system) : ResourceTestBase(system)
{
    [Fact]
    public async Task An_api_key_name_with_a_nul_byte_is_a_422_and_no_key_is_made()
    {
        var user = await Credentials.NewUserAsync();
        using var gateway = user.GatewayClient(Fixture);

        using var response = await gateway.PostAsync("/api/v1/api-keys",
            Json("{\"name\":\"a\\u0000b\",\"permissions\":[\"resources:read\"]}"));
        await AssertFieldErrorAsync(response, "name", "key name with NUL");

        using var keys = await gateway.GetAsync("/api/v1/api-keys");
        Assert.Empty((await GatewayClients.ReadAsync(keys, HttpStatusCode.OK)).GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task A_login_with_a_nul_byte_in_the_email_is_refused_like_an_unknown_email()
    {
        using var response = await Gateway.PostAsync("/api/v1/auth/login",
            Json("{\"email\":\"a\\u0000b@x.cm\",\"password\":\"wrong-password-1\"}"));

        await AssertErrorAsync(response, 401, "INVALID_CREDENTIALS", "login with NUL");
    }

    [Fact]
    public async Task A_registration_with_a_nul_byte_in_the_name_is_a_422()
    {
        var email = GatewayClients.NewEmail("nul");
        using var response = await Gateway.PostAsync("/api/v1/auth/register",
            Json($"{{\"email\":\"{email}\",\"password\":\"{GatewayClients.TestPassword}\",\"name\":\"a\\u0000b\"}}"));
        await AssertFieldErrorAsync(response, "name", "register with NUL");

        using var login = await Gateway.PostAsJsonAsync("/api/v1/auth/login", new { email, password = GatewayClients.TestPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Theory]
    [InlineData("description")]
    [InlineData("name")]
    [InlineData("resourceType")]
    [InlineData("categoryId")]
    public async Task A_merge_patch_with_a_lone_surrogate_is_a_400_and_changes_nothing(string field)
    {
        var resource = await Api.CreateAsync(Owner, new { name = ResourceTestClient.UniqueName("Surrogate"), resourceType = "API", description = "before" });
        var id = ResourceTestClient.Id(resource);
        var sequence = await Api.LastSequenceAsync();

        using var response = await PatchAsync(id, Encoding.UTF8.GetBytes($"{{\"{field}\":\"a\\ud800b\"}}"));

        await AssertErrorAsync(response, 400, "BAD_REQUEST", $"lone surrogate in {field}");
        await AssertUnchangedAsync(id, resource, sequence);
    }

    [Fact]
    public async Task A_merge_patch_with_invalid_utf8_bytes_is_a_400_and_changes_nothing()
    {
        var resource = await Api.CreateAsync(Owner, new { name = ResourceTestClient.UniqueName("Bytes"), resourceType = "API", description = "before" });
        var id = ResourceTestClient.Id(resource);
        var sequence = await Api.LastSequenceAsync();

        using var response = await PatchAsync(id, [.. "{\"description\":\"a"u8, 0xFF, 0xFE, .. "b\"}"u8]);

        await AssertErrorAsync(response, 400, "BAD_REQUEST", "invalid UTF-8 in a patch");
        await AssertUnchangedAsync(id, resource, sequence);
    }

    [Fact]
    public async Task Ten_parallel_creations_of_one_category_make_one_and_answer_409_to_the_others()
    {
        using var gateway = Admin.GatewayClient(Fixture);
        var name = $"Parallel {Guid.NewGuid():N}"[..20];

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => gateway.PostAsJsonAsync("/api/v1/categories", new { name })));
        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        foreach (var response in responses)
        {
            response.Dispose();
        }

        Assert.Equal(1, statuses.Count(s => s == 201));
        Assert.Equal(9, statuses.Count(s => s == 409));
        using var flat = await gateway.GetAsync("/api/v1/categories?flat=true");
        var categories = (await GatewayClients.ReadAsync(flat, HttpStatusCode.OK)).GetProperty("data").EnumerateArray();
        Assert.Single(categories, c => c.GetProperty("name").GetString() == name);
    }

    [Fact]
    public async Task A_non_ascii_byte_in_x_request_id_is_ignored_and_a_new_id_is_issued()
    {
        // HttpClient refuses non-ASCII header values unless told how to encode them; Latin-1 puts the byte 0xE9 on the wire.
        using var gateway = new HttpClient(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.Latin1 })
        {
            BaseAddress = Gateway.BaseAddress,
        };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/categories");
        request.Headers.TryAddWithoutValidation("X-Request-ID", "ab\u00e9c");

        using var response = await gateway.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var issued = response.Headers.GetValues("X-Request-ID").Single();
        Assert.NotEqual("ab\u00e9c", issued);
        Assert.Matches("^[0-9a-f]{32}$", issued);
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("iso-8859-1")]
    public async Task Non_ascii_header_values_reach_the_service_and_get_its_answer_not_a_bare_400_or_a_502(string encoding)
    {
        using var gateway = new HttpClient(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.GetEncoding(encoding) })
        {
            BaseAddress = Gateway.BaseAddress,
        };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/categories");
        request.Headers.TryAddWithoutValidation("User-Agent", "Navigateur café/1.0");
        request.Headers.TryAddWithoutValidation("X-Note", "Yaoundé");

        using var response = await gateway.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<HttpResponseMessage> PatchAsync(string id, byte[] body)
    {
        using var gateway = Owner.GatewayClient(Fixture);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/merge-patch+json");
        return await gateway.PatchAsync($"/api/v1/api-resources/{id}", content);
    }

    private async Task AssertUnchangedAsync(string id, JsonElement before, long sequence)
    {
        using var response = await Api.SendAsync(HttpMethod.Get, $"/api/v1/api-resources/{id}", Owner);
        var now = (await ResourceTestClient.ReadAsync(response)).GetProperty("data");
        Assert.Equal(before.GetProperty("updatedAt").GetString(), now.GetProperty("updatedAt").GetString());
        Assert.Equal("before", now.GetProperty("description").GetString());
        Assert.Equal(sequence, await Api.LastSequenceAsync());
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");
}
