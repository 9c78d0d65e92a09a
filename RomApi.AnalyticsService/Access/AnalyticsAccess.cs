namespace RomApi.AnalyticsService.Access;

/// <summary>
/// Who may read analytics: signed-in users, some reads admins only. An API key's analytics:read is checked before, for every
/// route, by <see cref="ServiceDefaults.Access.CallerAccessFilter"/>.
/// </summary>
public static class AnalyticsAccess
{
    public static ErrorResult? RequireReader(PlatformIdentity caller) =>
        caller.IsAuthenticated ? null : ApiErrors.Unauthorized();

    public static ErrorResult? RequireAdmin(PlatformIdentity caller) =>
        RequireReader(caller) ?? (caller.IsAdmin ? null : ApiErrors.Forbidden("Only administrators may read this."));
}
