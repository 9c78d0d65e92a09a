using static RomApi.Tests.Infrastructure.GatewayClients;

namespace RomApi.Tests.Gateway;

public sealed class IdentityTests(SystemFixture system) : SystemTest(system)
{
    [Fact]
    public async Task Register_answers_201_with_a_working_token_pair_and_me_shows_the_account()
    {
        var email = NewEmail("Reg").ToUpperInvariant();
        using var registered = await Gateway.PostAsJsonAsync("/api/v1/auth/register",
            new { email, password = TestPassword, name = "Ada", userType = "BUSINESS" });
        var data = (await ReadAsync(registered, HttpStatusCode.Created)).GetProperty("data");

        Assert.Equal(email.ToLowerInvariant(), data.GetProperty("user").GetProperty("email").GetString());
        Assert.True(data.GetProperty("expiresIn").GetInt64() > 0);
        using var me = await Gateway.SendAsync(Bearer(HttpMethod.Get, "/api/v1/auth/me", data.GetProperty("accessToken").GetString()!));
        var profile = (await ReadAsync(me, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(email.ToLowerInvariant(), profile.GetProperty("email").GetString());
        Assert.Equal("BUSINESS", profile.GetProperty("userType").GetString());
        Assert.Equal("FREE", profile.GetProperty("plan").GetString());
        Assert.True(profile.GetProperty("apiQuota").GetInt64() > 0);
        Assert.True(profile.GetProperty("apiUsage").GetInt64() >= 1, "the /me request itself counts");
        Assert.True(profile.TryGetProperty("createdAt", out _));
        Assert.False(profile.TryGetProperty("passwordHash", out _));
    }

    [Fact]
    public async Task Registering_an_existing_email_in_any_case_is_409_and_bad_input_is_422_with_fields()
    {
        var account = await RegisterAsync(Gateway);

        using var duplicate = await Gateway.PostAsJsonAsync("/api/v1/auth/register",
            new { email = account.Email.ToUpperInvariant(), password = TestPassword, name = "Twin" });
        using var invalid = await Gateway.PostAsJsonAsync("/api/v1/auth/register",
            new { email = "not-an-email", password = "short", name = "", userType = "ADMIN" });

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        var error = (await ReadAsync(invalid, HttpStatusCode.UnprocessableEntity)).GetProperty("error");
        Assert.Equal("VALIDATION_ERROR", error.GetProperty("code").GetString());
        var fields = error.GetProperty("details").EnumerateArray().Select(d => d.GetProperty("field").GetString()).ToList();
        Assert.Equal(["email", "password", "name", "userType"], fields);
    }

    [Fact]
    public async Task Login_succeeds_with_the_password_and_answers_the_same_401_for_a_wrong_password_and_an_unknown_email()
    {
        var account = await RegisterAsync(Gateway);

        var loggedIn = await LoginAsync(Gateway, account.Email, account.Password);
        using var wrong = await Gateway.PostAsJsonAsync("/api/v1/auth/login", new { email = account.Email, password = "wrong password!" });
        using var unknown = await Gateway.PostAsJsonAsync("/api/v1/auth/login", new { email = NewEmail("nobody"), password = "wrong password!" });

        Assert.Equal(account.Id, loggedIn.Id);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal("INVALID_CREDENTIALS", await ErrorCodeAsync(wrong));
        Assert.Equal("INVALID_CREDENTIALS", await ErrorCodeAsync(unknown));
    }

    [Fact]
    public async Task Refresh_rotates_the_pair_and_logout_ends_the_session()
    {
        var account = await RegisterAsync(Gateway);

        var refreshed = await RefreshAsync(Gateway, account);
        using var me = await Gateway.SendAsync(Bearer(HttpMethod.Get, "/api/v1/auth/me", refreshed.AccessToken));
        using var logout = await Gateway.PostAsJsonAsync("/api/v1/auth/logout", new { refreshToken = refreshed.RefreshToken });
        using var afterLogout = await Gateway.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = refreshed.RefreshToken });

        Assert.NotEqual(account.RefreshToken, refreshed.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterLogout.StatusCode);
    }

    [Fact]
    public async Task A_reused_refresh_token_is_refused_and_revokes_its_whole_family()
    {
        var account = await RegisterAsync(Gateway);
        var second = await RefreshAsync(Gateway, account);

        // The first token again: a replay. It is refused, and the legitimate successor dies with it.
        using var replay = await Gateway.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = account.RefreshToken });
        using var successor = await Gateway.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = second.RefreshToken });
        // Another session (a separate login) is not touched.
        var otherSession = await LoginAsync(Gateway, account.Email, account.Password);
        var otherRefreshed = await RefreshAsync(Gateway, otherSession);

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, successor.StatusCode);
        Assert.NotEqual(otherSession.RefreshToken, otherRefreshed.RefreshToken);
    }

    [Fact]
    public async Task Me_without_credentials_is_401()
    {
        using var response = await Gateway.GetAsync("/api/v1/auth/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("UNAUTHORIZED", await ErrorCodeAsync(response));
    }

    [Fact]
    public async Task Repeated_failed_logins_for_one_email_are_throttled_even_with_the_right_password_afterwards()
    {
        var account = await RegisterAsync(Gateway, "brute");
        for (var i = 0; i < 5; i++)
        {
            using var failed = await Gateway.PostAsJsonAsync("/api/v1/auth/login", new { email = account.Email, password = $"guess number {i}" });
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var blocked = await Gateway.PostAsJsonAsync("/api/v1/auth/login", new { email = account.Email, password = account.Password });
        // Another account from the same client is not blocked by this one's failures.
        var bystander = await RegisterAsync(Gateway, "bystander");
        var bystanderLogin = await LoginAsync(Gateway, bystander.Email, bystander.Password);

        await AssertLoginThrottledAsync(blocked);
        Assert.Equal(bystander.Id, bystanderLogin.Id);
    }

    [Fact]
    public async Task An_attacker_failing_on_the_admins_email_is_slowed_down_while_the_admin_logs_in_from_another_address()
    {
        var gatewayAddress = Fixture.App.GetEndpoint("gateway", "http");
        using var attacker = FromAddress(gatewayAddress, IPAddress.Parse("127.0.2.1"));
        using var owner = FromAddress(gatewayAddress, IPAddress.Parse("127.0.2.2"));
        var password = await AdminPasswordAsync();

        var attempts = new List<HttpResponseMessage>();
        for (var i = 0; i < 8; i++)
        {
            attempts.Add(await attacker.PostAsJsonAsync("/api/v1/auth/login", new { email = "admin@romapi.local", password = $"guess number {i}" }));
        }
        using var attackerWithTheRightPassword = await attacker.PostAsJsonAsync("/api/v1/auth/login", new { email = "admin@romapi.local", password });
        var admin = await LoginAsync(owner, "admin@romapi.local", password);

        try
        {
            Assert.Equal([401, 401, 401, 401, 401, 429, 429, 429], attempts.Select(a => (int)a.StatusCode));
            foreach (var throttled in attempts.Skip(5))
            {
                await AssertLoginThrottledAsync(throttled);
            }
            // The wait stands even for the right password: a guesser learns nothing from trying during it.
            await AssertLoginThrottledAsync(attackerWithTheRightPassword);
            Assert.False(string.IsNullOrEmpty(admin.AccessToken));
        }
        finally
        {
            attempts.ForEach(a => a.Dispose());
        }
    }

    [Fact]
    public async Task Failed_logins_on_many_accounts_from_one_shared_address_do_not_stop_another_account_logging_in_from_it()
    {
        using var shared = FromAddress(Fixture.App.GetEndpoint("gateway", "http"), IPAddress.Parse("127.0.2.3"));
        var colleague = await RegisterAsync(shared, "colleague");

        var failures = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            using var failed = await shared.PostAsJsonAsync("/api/v1/auth/login", new { email = NewEmail("guess"), password = "wrong password!" });
            failures.Add(await ErrorCodeAsync(failed));
        }
        var login = await LoginAsync(shared, colleague.Email, colleague.Password);

        Assert.All(failures, code => Assert.Equal("INVALID_CREDENTIALS", code));
        Assert.Equal(colleague.Id, login.Id);
    }

    private async Task<string> AdminPasswordAsync()
    {
        var secrets = await Fixture.App.GetConnectionStringAsync("identity-secrets");
        return new System.Data.Common.DbConnectionStringBuilder { ConnectionString = secrets }["AdminPassword"]!.ToString()!;
    }

    [Fact]
    public async Task The_first_admin_is_seeded_from_configuration_and_can_log_in()
    {
        var secrets = await Fixture.App.GetConnectionStringAsync("identity-secrets");
        var password = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = secrets }["AdminPassword"]!.ToString()!;

        var admin = await Eventually.UntilAsync(
            async () => await Gateway.PostAsJsonAsync("/api/v1/auth/login", new { email = "admin@romapi.local", password }),
            response => response.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "the seeded admin to log in");
        var profile = (await ReadAsync(admin, HttpStatusCode.OK)).GetProperty("data").GetProperty("user");

        Assert.Equal("ADMIN", profile.GetProperty("userType").GetString());
    }
}
