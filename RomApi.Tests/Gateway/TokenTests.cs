using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using static RomApi.Tests.Infrastructure.GatewayClients;

namespace RomApi.Tests.Gateway;

/// <summary>Access tokens that must not pass, and identity headers a client must not be able to slip to the services.</summary>
public sealed class TokenTests(SystemFixture system) : SystemTest(system)
{
    [Fact]
    public async Task A_tampered_token_is_refused()
    {
        var account = await RegisterAsync(Gateway);
        var parts = account.AccessToken.Split('.');
        // Claim to be an admin, keep the original signature.
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace("\"INDIVIDUAL\"", "\"ADMIN\"");
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";

        using var response = await Gateway.SendAsync(Bearer(HttpMethod.Get, "/api/v1/auth/me", tampered));

        Assert.Contains("ADMIN", payload);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_expired_token_signed_with_the_real_key_is_refused()
    {
        var account = await RegisterAsync(Gateway);
        var expired = await MintAsync(account.Id, "romapi-identity", "romapi-api", DateTime.UtcNow.AddMinutes(-10), DateTime.UtcNow.AddMinutes(-1));

        using var response = await Gateway.SendAsync(Bearer(HttpMethod.Get, "/api/v1/auth/me", expired));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("expired", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_fresh_token_with_the_real_key_passes_which_shows_the_refusals_above_are_about_the_defects()
    {
        var account = await RegisterAsync(Gateway);
        var valid = await MintAsync(account.Id, "romapi-identity", "romapi-api", DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(5));

        using var response = await Gateway.SendAsync(Bearer(HttpMethod.Get, "/api/v1/auth/me", valid));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_unsigned_alg_none_token_is_refused()
    {
        var account = await RegisterAsync(Gateway);
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var exp = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds();
        var payload = Base64UrlEncoder.Encode(
            $$"""{"sub":"{{account.Id}}","user_type":"ADMIN","plan":"ENTERPRISE","iss":"romapi-identity","aud":"romapi-api","exp":{{exp}}}""");

        using var response = await Gateway.SendAsync(Bearer(HttpMethod.Get, "/api/v1/auth/me", $"{header}.{payload}."));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_platform_token_is_not_an_access_token_even_though_both_use_the_same_key()
    {
        var account = await RegisterAsync(Gateway);
        var platform = await MintAsync(account.Id, PlatformTokenService.Parties.Issuer, PlatformTokenService.Parties.Audience, DateTime.UtcNow, DateTime.UtcNow.AddMinutes(2));

        using var response = await Gateway.SendAsync(Bearer(HttpMethod.Get, "/api/v1/auth/me", platform));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_client_sent_platform_identity_header_gives_no_identity_at_the_gateway_or_beyond()
    {
        var forged = await MintAsync(Guid.NewGuid(), PlatformTokenService.Parties.Issuer, PlatformTokenService.Parties.Audience, DateTime.UtcNow,
            DateTime.UtcNow.AddMinutes(2), userType: "ADMIN");

        using var write = new HttpRequestMessage(HttpMethod.Post, "/api/v1/categories") { Content = JsonContent.Create(new { name = "Forged" }) };
        write.Headers.Add(PlatformTokenService.HeaderName, forged);
        write.Headers.Add("X-User-Id", Guid.NewGuid().ToString());
        using var refused = await Gateway.SendAsync(write);
        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/me");
        me.Headers.Add(PlatformTokenService.HeaderName, forged);
        using var stillAnonymous = await Gateway.SendAsync(me);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, stillAnonymous.StatusCode);
    }

    [Fact]
    public async Task Bad_credentials_are_refused_not_treated_as_anonymous()
    {
        using var garbage = await Gateway.SendAsync(Bearer(HttpMethod.Get, "/api/v1/categories", "not.a.token"));
        using var basic = new HttpRequestMessage(HttpMethod.Get, "/api/v1/categories");
        basic.Headers.TryAddWithoutValidation("Authorization", "Basic dXNlcjpwYXNz");
        using var basicResponse = await Gateway.SendAsync(basic);
        using var badKey = await Gateway.SendAsync(WithApiKey(HttpMethod.Get, "/api/v1/categories", "rk_aaaaaaaaaaaa_" + new string('a', 43)));

        Assert.Equal(HttpStatusCode.Unauthorized, garbage.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, basicResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, badKey.StatusCode);
    }

    private async Task<string> MintAsync(Guid userId, string issuer, string audience, DateTime notBefore, DateTime expires, string userType = "INDIVIDUAL")
    {
        var secrets = await Fixture.App.GetConnectionStringAsync("identity-secrets");
        var key = new DbConnectionStringBuilder { ConnectionString = secrets }["SigningKey"]!.ToString()!;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            Claims = new Dictionary<string, object> { ["sub"] = userId.ToString(), ["user_type"] = userType, ["plan"] = "FREE", ["quota"] = 100 },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
    }
}
