namespace RomApi.ResourceService.Data;

/// <summary>A listed business, service, data set or API.</summary>
public sealed class ApiResource
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public string? Description { get; set; }
    public ResourceType ResourceType { get; set; }
    public Guid? CategoryId { get; set; }
    public Category? Category { get; set; }
    public string? City { get; set; }
    public string? Region { get; set; }
    public string Country { get; set; } = "CM";
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public ResourceStatus Status { get; set; } = ResourceStatus.Pending;
    public ResourcePlan Plan { get; set; } = ResourcePlan.Free;
    public bool Verified { get; set; }
    public Guid? UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>Soft delete: a deleted resource stays for the change feed but is invisible everywhere.</summary>
    public DateTimeOffset? DeletedAt { get; set; }
}

public enum ResourceType { Business, Service, Data, Api }

public enum ResourceStatus { Pending, Active, Suspended }

public enum ResourcePlan { Free, Premium, Featured }
