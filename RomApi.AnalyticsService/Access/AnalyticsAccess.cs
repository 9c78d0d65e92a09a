using RomApi.ServiceDefaults.Errors;
using RomApi.ServiceDefaults.PlatformAuth;

namespace RomApi.AnalyticsService.Access;

/// <summary>Who may read analytics: signed-in users (an API key needs analytics:read), some reads admins only.</summary>
public static class AnalyticsAccess
{
    public static ErrorResult? RequireReader(PlatformIdentity caller) =>
        !caller.IsAuthenticated ? ApiErrors.Unauthorized()
        : !caller.Has(Permissions.AnalyticsRead) ? ApiErrors.Forbidden("This API key lacks the analytics:read permission.")
        : null;

    public static ErrorResult? RequireAdmin(PlatformIdentity caller) =>
        RequireReader(caller) ?? (caller.IsAdmin ? null : ApiErrors.Forbidden("Only administrators may read this."));
}
