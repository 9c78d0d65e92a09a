namespace RomApi.Gateway.Identity;

/// <summary>Who sent a request to the gateway, as its credentials prove it: nobody, a user (access token) or an API key.</summary>
public sealed record Caller(
    Guid? UserId,
    string? Email,
    string? UserType,
    string? Plan,
    long ApiQuota,
    Guid? ApiKeyId,
    int ApiKeyRateLimit,
    IReadOnlyList<string> Permissions)
{
    public static Caller Anonymous { get; } = new(null, null, null, null, 0, null, 0, []);

    /// <summary>What the services are told of this caller (in the platform token), built once with the caller.</summary>
    public PlatformIdentity Identity { get; } =
        new(UserId, Email, UserType, Plan, ApiKeyId, ApiKeyId is not null ? Permissions : RomApi.Contracts.Identity.Permissions.All);

    public bool IsAuthenticated => Identity.IsAuthenticated;
    public bool IsApiKey => Identity.IsApiKey;
    public bool IsAdmin => Identity.IsAdmin;

    /// <summary>For logs: the key id for API keys, else the user id; never a secret.</summary>
    public string LogId { get; } = ApiKeyId is { } key ? $"key:{key}" : UserId is { } user ? $"user:{user}" : "anonymous";

    /// <summary>
    /// What the hot path derives from an authenticated caller once and reuses: a caller is kept with its access token or API key
    /// (<see cref="AccessTokenService"/>, <see cref="ApiKeys.ApiKeyCache"/>), so its requests share these instead of rebuilding
    /// them per request. Each value is immutable and replaced whole, so concurrent requests read either the old or the new one.
    /// </summary>
    public CallerDerived Derived { get; } = new();
}

/// <summary>Per-caller values reused across requests: see <see cref="Caller.Derived"/>.</summary>
public sealed class CallerDerived
{
    /// <summary>The platform identity token forwarded to the services, and when to sign a new one.</summary>
    public (string Token, DateTimeOffset RenewAt)? ForwardedToken { get; set; }

    /// <summary>The caller's rate-limit and quota counters, for the calendar month (yyyyMM) they were built in.</summary>
    public (Limits.Counter[] Counters, int Month)? Limits { get; set; }
}

public static class CallerHttpContextExtensions
{
    private static readonly object Key = new();

    public static Caller GetCaller(this HttpContext context) =>
        context.Items.TryGetValue(Key, out var caller) && caller is Caller known ? known : Caller.Anonymous;

    public static void SetCaller(this HttpContext context, Caller caller) => context.Items[Key] = caller;
}
