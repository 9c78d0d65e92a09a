namespace RomApi.ResourceService.ApiResources;

/// <summary>A resource's writable fields after validation and enrichment: safe to store as they are.</summary>
public sealed record ResourceFields(
    string? ExternalId,
    string Name,
    string? RequestedSlug,
    string? Description,
    ResourceType ResourceType,
    Guid? CategoryId,
    string? AddressLine1,
    string? AddressLine2,
    string? City,
    string? Region,
    string? PostalCode,
    string Country,
    double? Latitude,
    double? Longitude,
    string? Phone,
    string? Email,
    string? Website,
    string? MetaTitle,
    string? MetaDescription,
    ResourcePlan? Plan)
{
    /// <summary>Copies the fields onto <paramref name="resource"/>; the slug is the caller's business.</summary>
    public void ApplyTo(ApiResource resource)
    {
        resource.ExternalId = ExternalId;
        resource.Name = Name;
        resource.Description = Description;
        resource.ResourceType = ResourceType;
        resource.CategoryId = CategoryId;
        resource.AddressLine1 = AddressLine1;
        resource.AddressLine2 = AddressLine2;
        resource.City = City;
        resource.Region = Region;
        resource.PostalCode = PostalCode;
        resource.Country = Country;
        resource.Latitude = Latitude;
        resource.Longitude = Longitude;
        resource.Phone = Phone;
        resource.Email = Email;
        resource.Website = Website;
        resource.MetaTitle = MetaTitle;
        resource.MetaDescription = MetaDescription;
        if (Plan is { } plan)
        {
            resource.Plan = plan;
        }
    }
}
