namespace RomApi.Tests.ServiceDefaults;

public sealed class PlatformTokenTests
{
    private static PlatformTokenService Service(TimeProvider time, string key = "a-local-test-key-of-32-characters!!") =>
        new(Options.Create(new PlatformAuthOptions { SigningKey = key }), time);

    private static readonly PlatformIdentity Alice = new(Guid.NewGuid(), "alice@example.cm", "BUSINESS", "PRO", Guid.NewGuid(), [Permissions.ResourcesRead]);

    [Fact]
    public async Task A_token_carries_the_identity_it_was_issued_for()
    {
        var service = Service(new FakeTimeProvider(DateTimeOffset.UtcNow));

        var principal = await service.ValidateAsync(service.Issue(Alice));

        Assert.Equal(Alice with { }, PlatformIdentity.FromPrincipal(principal!) with { Permissions = Alice.Permissions });
        Assert.Equal([Permissions.ResourcesRead], PlatformIdentity.FromPrincipal(principal!).Permissions);
        Assert.True(PlatformIdentity.FromPrincipal(principal!).Has(Permissions.ResourcesRead));
        Assert.False(PlatformIdentity.FromPrincipal(principal!).Has(Permissions.ResourcesWrite));
    }

    [Fact]
    public async Task Expired_tampered_foreign_and_unsigned_tokens_are_refused()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var service = Service(time);
        var token = service.Issue(Alice, TimeSpan.FromMinutes(1));
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Convert.FromBase64String(Pad(parts[1])));
        var tampered = $"{parts[0]}.{Base64Url(payload.Replace("BUSINESS", "ADMIN"))}.{parts[2]}";
        var unsigned = $"{Base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{parts[1]}.";
        var foreign = Service(time, "another-key-that-is-32-characters-long").Issue(Alice);

        Assert.NotNull(await service.ValidateAsync(token));
        Assert.Null(await service.ValidateAsync(tampered));
        Assert.Null(await service.ValidateAsync(unsigned));
        Assert.Null(await service.ValidateAsync(foreign));
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(await service.ValidateAsync(token));
    }

    [Fact]
    public async Task Requests_with_one_token_share_its_principal_and_identity_until_it_expires()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var service = Service(time);
        var token = service.Issue(Alice, TimeSpan.FromMinutes(1));

        var first = await service.ValidateIdentityAsync(token);
        var second = await service.ValidateIdentityAsync(token);
        time.Advance(TimeSpan.FromMinutes(2));
        var expired = await service.ValidateIdentityAsync(token);

        Assert.NotNull(first);
        Assert.Same(first.Principal, second!.Principal);
        Assert.Same(first.Identity, second.Identity);
        Assert.Equal(Alice.UserId, first.Identity.UserId);
        Assert.Equal(Alice.ApiKeyId, first.Identity.ApiKeyId);
        Assert.Null(expired);
    }

    private static string Pad(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s + new string('=', (4 - s.Length % 4) % 4);
    }

    private static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
