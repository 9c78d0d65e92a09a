namespace RomApi.ResourceService.Data;

/// <summary>A listed business, service, data set or API.</summary>
public sealed class ApiResource
{
    /// <summary>The directory's country (Cameroon): the country of an address that names none.</summary>
    public const string DefaultCountry = "CM";

    public Guid Id { get; set; }

    /// <summary>The publisher's own key for the row; bulk ingest upserts by it.</summary>
    public string? ExternalId { get; set; }
    public Guid? UserId { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }

    /// <summary>The slug the name folds to before any "-2" suffix; finds every slug taken from one name in one index look-up.</summary>
    public required string SlugBase { get; set; }
    public string? Description { get; set; }
    public ResourceType ResourceType { get; set; }
    public Guid? CategoryId { get; set; }
    public Category? Category { get; set; }

    public string? AddressLine1 { get; set; }
    public string? AddressLine2 { get; set; }
    public string? City { get; set; }
    public string? Region { get; set; }
    public string? PostalCode { get; set; }
    public string Country { get; set; } = DefaultCountry;
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }

    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Website { get; set; }

    public ResourceStatus Status { get; set; } = ResourceStatus.Pending;
    public ResourcePlan Plan { get; set; } = ResourcePlan.Free;
    public bool Verified { get; set; }

    public string? MetaTitle { get; set; }
    public string? MetaDescription { get; set; }

    /// <summary>Bumped by every write; the ETag and the optimistic-concurrency token.</summary>
    public int Version { get; set; } = 1;

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>Soft delete: a deleted resource stays for the change feed but is invisible everywhere.</summary>
    public DateTimeOffset? DeletedAt { get; set; }

    public List<BusinessHours> Hours { get; set; } = [];
    public List<ResourceImage> Images { get; set; } = [];

    public bool IsPubliclyVisible => Status == ResourceStatus.Active && DeletedAt is null;
}
