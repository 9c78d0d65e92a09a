namespace RomApi.Gateway.Identity.Data;

/// <summary>An account of the platform. Emails are stored lower-cased, which makes the unique index case-insensitive.</summary>
public sealed class User
{
    public Guid Id { get; set; }
    public required string Email { get; set; }
    public required string PasswordHash { get; set; }
    public required string Name { get; set; }
    public UserType UserType { get; set; } = UserType.Individual;
    public UserPlan Plan { get; set; } = UserPlan.Free;

    /// <summary>Requests allowed per calendar month.</summary>
    public int ApiQuota { get; set; }

    /// <summary>Requests counted in the current month.</summary>
    public long ApiUsage { get; set; }

    public string? PricingTier { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum UserType { Individual, Business, Admin }

public enum UserPlan { Free, Pro, Premium, Enterprise }
