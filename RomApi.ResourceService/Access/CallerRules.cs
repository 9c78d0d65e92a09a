using RomApi.Contracts.Access;

namespace RomApi.ResourceService.Access;

/// <summary>
/// Who may see and change what. Anonymous callers and API keys see ACTIVE (published) resources only; a user also sees
/// their own; an admin (with their own token) sees all, and so does another ROMAPI service (analytics asks who owns a PENDING
/// resource so that its owner sees its stats): <see cref="ResourceVisibility"/>, shared with the analytics service. Writes need a user token or an API key with resources:write (the
/// platform-wide rule, <see cref="Contracts.Access.RoutePermissions"/>); changing a resource needs its owner or an admin.
/// </summary>
public static class CallerRules
{
    public static bool SeesEverything(this PlatformIdentity caller) => caller.IsAdmin && !caller.IsApiKey;

    /// <summary>The owner whose non-public resources the caller also sees, if any.</summary>
    public static Guid? SeesOwnOf(this PlatformIdentity caller) => caller.IsApiKey ? null : caller.UserId;

    public static bool CanSee(this PlatformIdentity caller, ResourceStatus status, Guid? ownerId) =>
        caller.CanRead(status == ResourceStatus.Active, ownerId);

    public static bool CanChange(this PlatformIdentity caller, Guid? ownerId) =>
        caller.IsAdmin || (ownerId is not null && caller.UserId == ownerId);

    /// <summary>
    /// Null when the caller is an admin. Runs behind <see cref="ServiceDefaults.Access.CallerAccessFilter"/>, which has already
    /// refused anonymous writes (401) and API keys without resources:write (403).
    /// </summary>
    public static ErrorResult? AdminDenied(this PlatformIdentity caller) =>
        caller.IsAdmin ? null : ApiErrors.Forbidden("Only an admin may do this.");
}
