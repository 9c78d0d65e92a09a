using RomApi.Contracts.Identity;

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
    public string LogId => ApiKeyId is { } key ? $"key:{key}" : UserId is { } user ? $"user:{user}" : "anonymous";
}

public static class CallerHttpContextExtensions
{
    private static readonly object Key = new();

    public static Caller GetCaller(this HttpContext context) =>
        context.Items.TryGetValue(Key, out var caller) && caller is Caller known ? known : Caller.Anonymous;

    public static void SetCaller(this HttpContext context, Caller caller) => context.Items[Key] = caller;
}
