namespace RomApi.ResourceService.ApiResources;

/// <summary>
/// The body of POST and PUT, and one item of a bulk ingest. Enums travel as text so that an unknown value is a field-level 422.
/// <see cref="CategorySlug"/> is an alternative to <see cref="CategoryId"/>: a slug, or a name that folds to one.
/// <see cref="Plan"/> is for admins only.
/// </summary>
public sealed record ResourceInput(
    string? ExternalId = null,
    string? Name = null,
    string? Slug = null,
    string? Description = null,
    string? ResourceType = null,
    Guid? CategoryId = null,
    string? CategorySlug = null,
    AddressInput? Address = null,
    ContactInput? Contact = null,
    SeoInput? Seo = null,
    string? Plan = null);

public sealed record AddressInput(
    string? AddressLine1 = null,
    string? AddressLine2 = null,
    string? City = null,
    string? Region = null,
    string? PostalCode = null,
    string? Country = null,
    double? Latitude = null,
    double? Longitude = null);

public sealed record ContactInput(string? Phone = null, string? Email = null, string? Website = null);

public sealed record SeoInput(string? MetaTitle = null, string? MetaDescription = null);
