using RomApi.Contracts.Analytics;
using RomApi.Contracts.Identity;

namespace RomApi.Contracts.Access;

/// <summary>
/// The one coarse access rule of API.md, checked by the gateway before it forwards and by each service for its public routes
/// (a request that reaches a service some other way meets the same rule): anonymous callers only read (and post analytics
/// events); an API key needs the permission its service and method call for. Finer rules (owner, admin) stay with the services.
/// </summary>
public static class RoutePermissions
{
    /// <summary>The one write anonymous callers may send: client analytics events.</summary>
    public const string AnonymousWritePath = AnalyticsRoutes.Events;

    public static bool IsRead(string method) => Is(method, "GET") || Is(method, "HEAD") || Is(method, "OPTIONS");

    /// <summary>The permission an API key needs for <paramref name="method"/> on <paramref name="service"/>; null for other services.</summary>
    public static string? Required(string service, string method) => service switch
    {
        ServiceNames.ResourceService => IsRead(method) ? Permissions.ResourcesRead : Permissions.ResourcesWrite,
        ServiceNames.SearchService => Permissions.SearchRead,
        ServiceNames.AnalyticsService => IsRead(method) ? Permissions.AnalyticsRead : Permissions.AnalyticsWrite,
        _ => null,
    };

    /// <summary>
    /// Why <paramref name="caller"/> may not send this request to <paramref name="service"/>, or null when it may.
    /// <paramref name="path"/> is the request path, unescaped (ASP.NET Core's <c>PathString.Value</c>).
    /// </summary>
    public static AccessDenial? Check(PlatformIdentity caller, string service, string method, string? path)
    {
        if (!caller.IsAuthenticated && !IsRead(method) && !IsAnonymousWrite(method, path))
        {
            return AccessDenial.AnonymousWrite;
        }
        if (caller.IsApiKey && Required(service, method) is { } permission && !caller.Has(permission))
        {
            return AccessDenial.MissingPermission(permission);
        }
        return null;
    }

    private static bool IsAnonymousWrite(string method, string? path) =>
        Is(method, "POST") && string.Equals(path, AnonymousWritePath, StringComparison.OrdinalIgnoreCase);

    private static bool Is(string method, string expected) => string.Equals(method, expected, StringComparison.OrdinalIgnoreCase);
}

/// <summary>A refused request: its status (401 or 403), a reason for metrics, and the message for the caller.</summary>
public sealed record AccessDenial(int Status, string Reason, string Message)
{
    public const int Unauthorized = 401;
    public const int Forbidden = 403;

    public static AccessDenial AnonymousWrite { get; } =
        new(Unauthorized, "anonymous_write", "Sign in (access token or API key) to change anything.");

    public static AccessDenial MissingPermission(string permission) =>
        new(Forbidden, "missing_permission", $"This API key lacks the permission '{permission}'.");
}
