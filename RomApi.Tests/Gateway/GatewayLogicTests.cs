using Microsoft.AspNetCore.Http;
using RomApi.Gateway.ApiKeys;
using RomApi.Gateway.Identity;
using RomApi.Gateway.Limits;
using RomApi.Gateway.Proxy;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Transforms;
using Caller = RomApi.Gateway.Identity.Caller;

namespace RomApi.Tests.Gateway;

public sealed class GatewayLogicTests
{
    [Fact]
    public void The_circuit_opens_after_five_consecutive_failures_and_half_opens_for_one_trial_after_thirty_seconds()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var breaker = new CircuitBreaker(5, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1), time);
        for (var i = 0; i < 4; i++)
        {
            Assert.True(breaker.TryPass());
            breaker.RecordFailure();
        }
        breaker.RecordSuccess();
        for (var i = 0; i < 5; i++)
        {
            Assert.True(breaker.TryPass());
            breaker.RecordFailure();
        }

        Assert.Equal(CircuitState.Open, breaker.State);
        Assert.False(breaker.TryPass());
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(breaker.TryPass());
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(breaker.TryPass());
        Assert.Equal(CircuitState.HalfOpen, breaker.State);
        Assert.False(breaker.TryPass());
        breaker.RecordFailure();
        Assert.Equal(CircuitState.Open, breaker.State);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(breaker.TryPass());
        breaker.RecordSuccess();
        Assert.Equal(CircuitState.Closed, breaker.State);
    }

    [Fact]
    public void A_passing_health_probe_lets_the_trial_through_after_the_minimum_break_not_the_full_break()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var breaker = new CircuitBreaker(2, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1), time);
        breaker.RecordFailure();
        breaker.RecordFailure();
        Assert.Equal(CircuitState.Open, breaker.State);

        // A probe right after the failures does not count: the service may pass /health and still fail requests.
        breaker.ProbePassed();
        Assert.False(breaker.TryPass());
        time.Advance(TimeSpan.FromSeconds(1));
        breaker.ProbePassed();

        Assert.True(breaker.TryPass());
        Assert.False(breaker.TryPass());
        breaker.RecordSuccess();
        Assert.Equal(CircuitState.Closed, breaker.State);
    }

    private sealed record ForwardFailure(ForwarderError Error, Exception? Exception = null) : IForwarderErrorFeature;

    [Theory]
    [InlineData(ForwarderError.RequestBodyDestination, true)]
    [InlineData(ForwarderError.RequestBodyClient, true)]
    [InlineData(ForwarderError.RequestCanceled, true)]
    [InlineData(ForwarderError.NoAvailableDestinations, true)]
    [InlineData(ForwarderError.Request, false)]
    [InlineData(ForwarderError.RequestTimedOut, false)]
    [InlineData(ForwarderError.ResponseBodyDestination, false)]
    public void What_a_client_caused_or_no_replica_left_never_counts_against_the_service(ForwarderError error, bool neutral)
    {
        var context = new DefaultHttpContext();
        // YARP answers its own failures with 502/503, which would otherwise count as failures by status.
        context.Response.StatusCode = error == ForwarderError.NoAvailableDestinations ? 503 : 502;
        context.Features.Set<IForwarderErrorFeature>(new ForwardFailure(error));

        Assert.Equal(neutral, CircuitBreakerPerService.IsNeutral(context));
    }

    [Fact]
    public void A_503_with_retry_after_is_back_pressure_not_a_failure_of_the_service()
    {
        static HttpContext Answer(int status, string? retryAfter = null)
        {
            var context = new DefaultHttpContext();
            context.Response.StatusCode = status;
            if (retryAfter is not null)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }
            return context;
        }
        var shedding = Answer(503, "1");
        var broken = Answer(503);
        var badGateway = Answer(502);
        var fine = Answer(200);

        Assert.True(CircuitBreakerPerService.IsNeutral(shedding));
        Assert.False(CircuitBreakerPerService.IsNeutral(broken));
        Assert.True(CircuitBreakerPerService.IsFailure(broken));
        Assert.True(CircuitBreakerPerService.IsFailure(badGateway));
        Assert.False(CircuitBreakerPerService.IsNeutral(fine));
        Assert.False(CircuitBreakerPerService.IsFailure(fine));
    }

    [Fact]
    public void Only_the_routes_given_a_timeout_get_one_and_they_are_matched_before_their_services_catch_all()
    {
        var routes = ProxyConfigBuilder.Routes(new ProxyOptions());

        var search = routes.Where(route => route.Match.Path!.StartsWith("/api/v1/search", StringComparison.Ordinal)).ToList();
        var ingest = routes.Where(route => route.Match.Path!.StartsWith("/api/v1/api-resources/ingest", StringComparison.Ordinal)).ToList();
        var categories = routes.Where(route => route.Match.Path!.StartsWith("/api/v1/categories", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, categories.Count);
        Assert.All(categories, route => Assert.Null(route.Timeout));
        Assert.Contains(search, route => route.Timeout == TimeSpan.FromSeconds(10) && route.Order == -1 && route.ClusterId == "searchservice");
        Assert.Equal(2, ingest.Count);
        Assert.All(ingest, route => Assert.Equal((TimeSpan.FromMinutes(5), -1, "resourceservice"), (route.Timeout!.Value, route.Order!.Value, route.ClusterId!)));
        Assert.Equal(routes.Count, routes.Select(route => route.RouteId).Distinct().Count());
    }

    [Fact]
    public void A_counter_mirror_adds_unsent_hits_to_the_last_shared_count_goes_stale_when_redis_is_quiet_and_forgets_them_when_the_window_ends()
    {
        var now = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        var mirror = new CounterMirror(TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));

        var fresh = mirror.Read(now);
        mirror.Settle(0, 40, TimeSpan.FromSeconds(30), now);
        mirror.Hit(now);
        mirror.Hit(now);
        var sent = mirror.TakePending();
        mirror.Hit(now);
        var whileSending = mirror.Read(now);
        mirror.Restore(sent);
        var afterFailedSend = mirror.Read(now);
        var resent = mirror.TakePending();
        mirror.Settle(resent, 47, TimeSpan.FromSeconds(29), now.AddSeconds(1));
        mirror.Settle(0, 45, TimeSpan.FromSeconds(29), now.AddSeconds(1));
        var settled = mirror.Read(now.AddSeconds(1));
        var quietSince = mirror.Read(now.AddSeconds(2.5));
        var nextWindow = mirror.Read(now.AddSeconds(31));

        Assert.False(fresh.Answered);
        Assert.Equal(43, whileSending.Estimate);
        Assert.Equal(43, afterFailedSend.Estimate);
        Assert.Equal(3, resent);
        // A late, smaller answer from the same window does not lower the count.
        Assert.Equal(47, settled.Estimate);
        Assert.True(settled.Answered);
        Assert.True(settled.Recent);
        // 1.5 s without an answer (more than the view's 1 s): still this window's count, but not one to count on alone.
        Assert.Equal((47, true, false), (quietSince.Estimate, quietSince.Answered, quietSince.Recent));
        Assert.Equal(now.AddSeconds(30), settled.Ends);
        Assert.Equal(0, nextWindow.Estimate);
        Assert.False(nextWindow.Answered);
    }

    [Fact]
    public void A_counter_mirror_expects_the_other_replicas_unseen_hits_from_how_fast_they_grew_the_shared_count_and_how_long_ago()
    {
        var now = new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
        var step = TimeSpan.FromMilliseconds(50);
        var mirror = new CounterMirror(TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));

        mirror.Settle(0, 40, TimeSpan.FromSeconds(30), now);
        var oneAnswer = mirror.Read(now);
        mirror.Settle(0, 80, TimeSpan.FromSeconds(30) - step, now + step);
        var justAnswered = mirror.Read(now + step);
        var aLittleLater = mirror.Read(now + 2 * step);
        mirror.Settle(0, 80, TimeSpan.FromSeconds(30) - 3 * step, now + 3 * step);
        var countStopped = mirror.Read(now + 3 * step);
        mirror.Hit(now + 3 * step);
        mirror.Hit(now + 3 * step);
        var sent = mirror.TakePending();
        mirror.Settle(sent, 83, TimeSpan.FromSeconds(30) - 4 * step, now + 4 * step, countedThisRequest: true);
        var onlyOwnHits = mirror.Read(now + 4 * step);

        // One answer says nothing of a rate.
        Assert.Equal(0, oneAnswer.Unseen);
        // 40 more in 50 ms: 800 a second, over the sync interval (100 ms) ...
        Assert.Equal(80, justAnswered.Unseen);
        // ... and over the 50 ms since Redis last answered.
        Assert.Equal(120, aLittleLater.Unseen);
        Assert.Equal(0, countStopped.Unseen);
        // The count grew by this replica's own three hits (two sent, one counted in Redis): nothing of the others' to expect.
        Assert.Equal(0, onlyOwnHits.Unseen);
    }

    [Fact]
    public void Local_counters_refuse_past_the_limit_count_nothing_when_refused_and_restart_after_the_window()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var counters = new LocalCounters(time);
        Counter[] limits = [new("user", "u1", 2, TimeSpan.FromMinutes(1)), new("global", "g", 100, TimeSpan.FromSeconds(1))];

        var first = counters.Count(limits);
        var second = counters.Count(limits);
        var third = counters.Count(limits);
        time.Advance(TimeSpan.FromSeconds(61));
        var later = counters.Count(limits);

        Assert.Null(first.RejectedBy);
        Assert.Null(second.RejectedBy);
        Assert.Equal("user", third.RejectedBy?.Scope);
        Assert.Equal(2, third.Counts[0]);
        Assert.Equal(TimeSpan.FromMinutes(1), third.ResetsIn[0]);
        // The refused request did not count on the global counter.
        Assert.Equal(2, third.Counts[1]);
        Assert.Null(later.RejectedBy);
        Assert.Equal(1, later.Counts[0]);
    }

    [Fact]
    public async Task Forwarding_strips_every_client_identity_header_and_signs_the_callers_own()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var tokens = new PlatformTokenService(Options.Create(new PlatformAuthOptions { SigningKey = new string('k', 32) }), time);
        var forwarding = new IdentityForwarding(tokens, time);
        var context = new DefaultHttpContext();
        var keyId = Guid.NewGuid();
        context.SetCaller(new Caller(Guid.NewGuid(), "a@b.cm", "INDIVIDUAL", "FREE", 100, keyId, 1000, [Permissions.SearchRead]));
        foreach (var header in new[] { "X-Platform-Identity", "X-User-Id", "X-Auth-Roles", "X-Api-Key", "apikey", "Authorization", "X-Forwarded-User", "X-Remote-User" })
        {
            context.Request.Headers[header] = "forged";
        }
        context.Request.Headers.AcceptLanguage = "fr";
        var proxyRequest = new HttpRequestMessage();

        ClientIdentityStripping.StripClientIdentity(context.Request.Headers);
        await forwarding.ApplyAsync(new RequestTransformContext { HttpContext = context, ProxyRequest = proxyRequest, Path = "/", Query = new QueryTransformContext(context.Request) });

        Assert.Equal(["Accept-Language"], context.Request.Headers.Select(h => h.Key).ToArray());
        Assert.Equal(["X-Platform-Identity"], proxyRequest.Headers.Select(h => h.Key).ToArray());
        var principal = await tokens.ValidateAsync(proxyRequest.Headers.GetValues("X-Platform-Identity").Single());
        var identity = PlatformIdentity.FromPrincipal(principal!);
        Assert.Equal(keyId, identity.ApiKeyId);
        Assert.Equal([Permissions.SearchRead], identity.Permissions);
        Assert.False(identity.Has(Permissions.ResourcesRead));
    }

    [Fact]
    public async Task A_callers_forwarded_token_is_reused_for_a_minute_then_signed_anew()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var tokens = new PlatformTokenService(Options.Create(new PlatformAuthOptions { SigningKey = new string('k', 32) }), time);
        var forwarding = new IdentityForwarding(tokens, time);
        var caller = new Caller(Guid.NewGuid(), "a@b.cm", "INDIVIDUAL", "FREE", 100, null, 0, []);
        async Task<string> ForwardAsync()
        {
            var context = new DefaultHttpContext();
            context.SetCaller(caller);
            var proxyRequest = new HttpRequestMessage();
            await forwarding.ApplyAsync(new RequestTransformContext { HttpContext = context, ProxyRequest = proxyRequest, Path = "/", Query = new QueryTransformContext(context.Request) });
            return proxyRequest.Headers.GetValues("X-Platform-Identity").Single();
        }

        var first = await ForwardAsync();
        time.Advance(TimeSpan.FromSeconds(59));
        var second = await ForwardAsync();
        time.Advance(TimeSpan.FromSeconds(2));
        var third = await ForwardAsync();

        Assert.Same(first, second);
        Assert.NotEqual(first, third);
        Assert.NotNull(await tokens.ValidateAsync(third));
    }

    [Fact]
    public void A_presented_key_skips_the_hash_only_when_it_is_the_same_text_as_one_that_matched()
    {
        var (key, _, _) = ApiKeyFormat.Generate();
        var other = key[..^1] + (key[^1] == 'a' ? 'b' : 'a');

        Assert.True(ApiKeyFormat.SameAsVerified(new string(key.AsSpan()), key));
        Assert.False(ApiKeyFormat.SameAsVerified(other, key));
        Assert.False(ApiKeyFormat.SameAsVerified(key, null));
        Assert.False(ApiKeyFormat.SameAsVerified(key[..^1], key));
    }

    [Fact]
    public void Passwords_use_a_salted_slow_hash_and_api_keys_a_prefix_plus_secret()
    {
        var hash = PasswordHasher.Hash("correct horse battery");
        var again = PasswordHasher.Hash("correct horse battery");
        var (key, prefix, keyHash) = ApiKeyFormat.Generate();

        Assert.StartsWith("pbkdf2-sha512$210000$", hash);
        Assert.NotEqual(hash, again);
        Assert.True(PasswordHasher.Verify("correct horse battery", hash));
        Assert.False(PasswordHasher.Verify("correct horse batterz", hash));
        Assert.Equal(prefix, ApiKeyFormat.PrefixOf(key));
        Assert.True(ApiKeyFormat.Matches(key, keyHash));
        Assert.False(ApiKeyFormat.Matches(key[..^1] + (key[^1] == 'a' ? 'b' : 'a'), keyHash));
        Assert.Null(ApiKeyFormat.PrefixOf("rk_short"));
    }
}
