using static RomApi.Tests.ResourceService.BadInputChecks;

namespace RomApi.Tests.WholeSystem.Hardening;

/// <summary>
/// Issue 26: Kestrel's own refusals (a NUL byte in the path) come in the error envelope like every other 4xx, and names and free
/// text refuse the bidirectional controls and invisible characters that make a listing display as something it is not.
/// </summary>
public sealed class EnvelopeAndTextTests(SystemFixture system) : ResourceTestBase(system)
{
    // Kestrel refuses a NUL byte in the path before any middleware runs (Kestrel leaves the query encoded); the resource service
    // refuses one in a list filter. Either way the caller gets the same envelope.
    [Theory]
    [InlineData("/api/v1/api-resources/a%00b")]
    [InlineData("/api/v1/categories/%00")]
    [InlineData("/api/v1/api-resources/%00/hours")]
    [InlineData("/api/v1/api-resources?city=%00")]
    [InlineData("/api/v1/api-resources?region=%00")]
    [InlineData("/api/v1/api-resources?category=%00")]
    public async Task A_nul_byte_in_the_path_or_a_list_filter_is_a_400_in_the_error_envelope(string url)
    {
        using var response = await Gateway.GetAsync(url);

        var error = await AssertErrorAsync(response, 400, "BAD_REQUEST", url);
        Assert.False(string.IsNullOrEmpty(error.GetProperty("requestId").GetString()));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Kestrels_refusal_on_a_kept_alive_connection_names_the_refused_request_and_the_one_before_is_untouched()
    {
        var address = Gateway.BaseAddress!;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        await using var stream = tcp.GetStream();
        var requests = $"GET /api/v1/categories HTTP/1.1\r\nHost: {address.Authority}\r\n\r\n" +
                       $"GET /api/v1/api-resources/a%00b HTTP/1.1\r\nHost: {address.Authority}\r\n\r\n";

        await stream.WriteAsync(Encoding.ASCII.GetBytes(requests));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();

        var second = text.IndexOf("HTTP/1.1 400 ", StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 200 OK", text);
        Assert.True(second > 0, text);
        var refusal = text[second..];
        Assert.Contains("\r\nConnection: close\r\n", refusal);
        var body = System.Text.Json.JsonDocument.Parse(refusal[(refusal.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]).RootElement;
        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.Equal("BAD_REQUEST", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("GET", body.GetProperty("error").GetProperty("method").GetString());
        Assert.Equal("/api/v1/api-resources/a%00b", body.GetProperty("error").GetProperty("path").GetString());
    }

    [Theory]
    [InlineData("name", "Boulangerie \u202Egpj.exe", "U+202E")]
    [InlineData("name", "Pharmacie\u200B du Centre", "U+200B")]
    [InlineData("description", "Pain frais \u2067et viennoiseries\u2069", "U+2067")]
    [InlineData("address.city", "Douala\u2060", "U+2060")]
    public async Task Names_and_free_text_with_bidi_controls_or_invisible_characters_are_refused_and_nothing_is_written(string field, string value, string codePoint)
    {
        using var gateway = Owner.GatewayClient(Fixture);
        var body = Nest(field, value, new Dictionary<string, object?> { ["name"] = $"Texte {Guid.NewGuid():N}", ["resourceType"] = "BUSINESS" });
        var before = await Api.LastSequenceAsync();

        using var response = await gateway.PostAsJsonAsync("/api/v1/api-resources", body);

        var error = await AssertErrorAsync(response, 422, "VALIDATION_ERROR", $"{field} with {codePoint}");
        Assert.Contains(error.GetProperty("details").EnumerateArray(),
            d => d.GetProperty("field").GetString() == field && d.GetProperty("message").GetString()!.Contains(codePoint, StringComparison.Ordinal));
        Assert.Equal(before, await Api.LastSequenceAsync());
    }

    [Fact]
    public async Task A_user_name_and_an_api_key_name_with_an_override_are_refused()
    {
        using var anonymous = Fixture.CreateGatewayClient();
        using var register = await anonymous.PostAsJsonAsync("/api/v1/auth/register", new
        {
            email = GatewayClients.NewEmail("bidi"), password = GatewayClients.TestPassword, name = "Admin\u202E", userType = "INDIVIDUAL",
        });
        await AssertFieldErrorAsync(register, "name", "user name with U+202E");

        using var gateway = Owner.GatewayClient(Fixture);
        using var key = await gateway.PostAsJsonAsync("/api/v1/api-keys", new { name = "prod\u200Bkey", permissions = new[] { "resources:read" } });
        await AssertFieldErrorAsync(key, "name", "key name with U+200B");
    }
}
