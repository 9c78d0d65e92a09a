using System.Security.Claims;

namespace RomApi.Contracts.Identity;

/// <summary>Who is calling, as the gateway vouches for it in the platform identity token.</summary>
public sealed record PlatformIdentity(
    Guid? UserId,
    string? Email,
    string? UserType,
    string? Plan,
    Guid? ApiKeyId,
    IReadOnlyList<string> Permissions)
{
    public const string AdminUserType = "ADMIN";
    public const string ServiceUserType = "SERVICE";

    public static PlatformIdentity Anonymous { get; } = new(null, null, null, null, null, []);

    /// <summary>A ROMAPI service calling another one (change feed, event ingestion); never a user.</summary>
    public static PlatformIdentity Service(string serviceName) => new(null, serviceName, ServiceUserType, null, null, []);

    public bool IsAuthenticated => UserId is not null;
    public bool IsService => UserType == ServiceUserType;
    public bool IsAdmin => UserType == AdminUserType;
    public bool IsApiKey => ApiKeyId is not null;

    /// <summary>
    /// A user's own token carries every permission of the user; an API key only what it was granted.
    /// Anonymous callers have none.
    /// </summary>
    public bool Has(string permission) => IsAuthenticated && (!IsApiKey || Permissions.Contains(permission));

    public static PlatformIdentity FromPrincipal(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return Anonymous;
        }
        return new PlatformIdentity(
            ParseGuid(principal.FindFirst(PlatformClaims.Subject)?.Value),
            principal.FindFirst(PlatformClaims.Email)?.Value,
            principal.FindFirst(PlatformClaims.UserType)?.Value,
            principal.FindFirst(PlatformClaims.Plan)?.Value,
            ParseGuid(principal.FindFirst(PlatformClaims.ApiKeyId)?.Value),
            principal.FindAll(PlatformClaims.Permission).Select(claim => claim.Value).ToArray());
    }

    private static Guid? ParseGuid(string? value) => Guid.TryParse(value, out var id) ? id : null;
}

/// <summary>Claim names inside the platform identity token.</summary>
public static class PlatformClaims
{
    public const string Subject = "sub";
    public const string Email = "email";
    public const string UserType = "user_type";
    public const string Plan = "plan";
    public const string ApiKeyId = "api_key_id";
    public const string Permission = "perm";
}

/// <summary>The permissions of API.md.</summary>
public static class Permissions
{
    public const string ResourcesRead = "resources:read";
    public const string ResourcesWrite = "resources:write";
    public const string SearchRead = "search:read";
    public const string AnalyticsRead = "analytics:read";
    public const string AnalyticsWrite = "analytics:write";

    public static IReadOnlyList<string> All { get; } = [ResourcesRead, ResourcesWrite, SearchRead, AnalyticsRead, AnalyticsWrite];
}
