namespace RomApi.Gateway.Identity;

public sealed record RegisterRequest(string? Email, string? Password, string? Name, string? UserType);

public sealed record LoginRequest(string? Email, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record UserProfile(
    Guid Id, string Email, string Name, string UserType, string Plan, long ApiQuota, long ApiUsage, string? PricingTier, DateTimeOffset CreatedAt)
{
    public static UserProfile Of(User user, long apiUsage) => new(
        user.Id, user.Email, user.Name, WireNames.Of(user.UserType), WireNames.Of(user.Plan),
        user.ApiQuota, apiUsage, user.PricingTier, user.CreatedAt);
}

/// <summary>What register, login and refresh answer; expiresIn is the access token's lifetime in seconds.</summary>
public sealed record AuthTokens(UserProfile User, string AccessToken, string RefreshToken, long ExpiresIn);
