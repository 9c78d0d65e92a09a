using RomApi.ResourceService.Data;
using RomApi.ServiceDefaults.Errors;
using RomApi.ServiceDefaults.PlatformAuth;

namespace RomApi.ResourceService.Access;

/// <summary>
/// Who may see and change what. Anonymous callers and API keys see ACTIVE (published) resources only; a user also sees
/// their own; an admin (with their own token) sees all. Writes need a user token or an API key with resources:write;
/// changing a resource needs its owner or an admin.
/// </summary>
public static class CallerRules
{
    public static bool SeesEverything(this PlatformIdentity caller) => caller.IsAdmin && !caller.IsApiKey;

    /// <summary>The owner whose non-public resources the caller also sees, if any.</summary>
    public static Guid? SeesOwnOf(this PlatformIdentity caller) => caller.IsApiKey ? null : caller.UserId;

    public static bool CanSee(this PlatformIdentity caller, ResourceStatus status, Guid? ownerId) =>
        status == ResourceStatus.Active || caller.SeesEverything() || (ownerId is not null && caller.SeesOwnOf() == ownerId);

    public static bool CanChange(this PlatformIdentity caller, Guid? ownerId) =>
        caller.IsAdmin || (ownerId is not null && caller.UserId == ownerId);

    /// <summary>Null when the caller may read; an API key needs resources:read.</summary>
    public static ErrorResult? ReadDenied(this PlatformIdentity caller) =>
        caller.IsApiKey && !caller.Has(Permissions.ResourcesRead)
            ? ApiErrors.Forbidden($"This API key lacks the {Permissions.ResourcesRead} permission.")
            : null;

    /// <summary>Null when the caller may write at all: a signed-in user, or an API key with resources:write.</summary>
    public static ErrorResult? WriteDenied(this PlatformIdentity caller)
    {
        if (!caller.IsAuthenticated)
        {
            return ApiErrors.Unauthorized();
        }
        return caller.Has(Permissions.ResourcesWrite)
            ? null
            : ApiErrors.Forbidden($"This API key lacks the {Permissions.ResourcesWrite} permission.");
    }

    /// <summary>Null when the caller is an admin; 401 for anonymous callers, 403 for everyone else.</summary>
    public static ErrorResult? AdminDenied(this PlatformIdentity caller) =>
        !caller.IsAuthenticated ? ApiErrors.Unauthorized()
        : caller.IsAdmin && caller.Has(Permissions.ResourcesWrite) ? null
        : ApiErrors.Forbidden("Only an admin may do this.");
}

/// <summary>
/// A request that carries an identity token which did not validate is refused with 401 rather than served as anonymous,
/// so a forged or expired token never passes unnoticed.
/// </summary>
public sealed class RejectInvalidIdentityFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.Headers.ContainsKey(PlatformTokenService.HeaderName) && http.User.Identity?.IsAuthenticated != true)
        {
            return ValueTask.FromResult<object?>(ApiErrors.Unauthorized("The identity token is not valid."));
        }
        return next(context);
    }
}
