namespace RomApi.Gateway.Identity;

/// <summary>A fresh access token plus the first refresh token of a new session (family).</summary>
public sealed class TokenPair(AccessTokenService access, RefreshTokenStore refresh)
{
    public async Task<AuthTokens> IssueAsync(User user, Guid familyId, long apiUsage, CancellationToken cancellationToken)
    {
        var refreshToken = await refresh.IssueAsync(user.Id, familyId, cancellationToken);
        return new AuthTokens(UserProfile.Of(user, apiUsage), access.Issue(user), refreshToken, (long)access.Lifetime.TotalSeconds);
    }
}
