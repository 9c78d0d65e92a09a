using RomApi.Contracts.Identity;

namespace RomApi.Contracts.Access;

/// <summary>
/// Who may read a resource, the one rule for every service: a public (ACTIVE) resource anyone; a non-public one (PENDING,
/// SUSPENDED) its owner with their own token, an admin with their own token, and another ROMAPI service. API keys read public
/// resources only. A deleted resource nobody.
/// </summary>
public static class ResourceVisibility
{
    public static bool CanRead(this PlatformIdentity caller, bool isPublic, Guid? ownerId) =>
        isPublic || caller.IsService || (!caller.IsApiKey && (caller.IsAdmin || (ownerId is not null && caller.UserId == ownerId)));
}
