namespace RomApi.ResourceService.ApiResources;

public static class ApiResourceMapping
{
    public const string TimeFormat = "HH:mm";

    /// <summary>The API's view of a loaded resource; <paramref name="category"/> is passed in so bulk paths need no join.</summary>
    public static ApiResourceDto ToDto(this ApiResource r, CategorySummaryDto? category) => new(
        r.Id,
        r.ExternalId,
        r.UserId,
        r.Name,
        r.Slug,
        r.Description,
        r.ResourceType,
        r.CategoryId,
        category,
        new AddressDto(r.AddressLine1, r.AddressLine2, r.City, r.Region, r.PostalCode, r.Country, r.Latitude, r.Longitude),
        new ContactDto(r.Phone, r.Email, r.Website),
        r.Status,
        r.Plan,
        r.Verified,
        new SeoDto(r.MetaTitle, r.MetaDescription),
        r.Hours.OrderBy(h => h.DayOfWeek).Select(ToDto).ToList(),
        r.Images.OrderBy(i => i.OrderIndex).ThenBy(i => i.CreatedAt).Select(ToDto).ToList(),
        r.CreatedAt,
        r.UpdatedAt,
        r.PublishedAt);

    public static ApiResourceDto ToDto(this ApiResource r) =>
        r.ToDto(r.Category is { } c ? new CategorySummaryDto(c.Id, c.Name, c.Slug) : null);

    public static HoursDto ToDto(this BusinessHours h) =>
        new(h.DayOfWeek, h.OpenTime?.ToString(TimeFormat), h.CloseTime?.ToString(TimeFormat), h.IsClosed);

    public static ImageDto ToDto(this ResourceImage i) => new(i.Id, i.Url, i.AltText, i.IsPrimary, i.OrderIndex, i.CreatedAt);

    /// <summary>The same resource as a write request, so a JSON merge patch can be applied to it.</summary>
    public static ResourceInput ToInput(this ApiResource r) => new(
        r.ExternalId,
        r.Name,
        r.Slug,
        r.Description,
        WireNames.Of(r.ResourceType),
        r.CategoryId,
        null,
        new AddressInput(r.AddressLine1, r.AddressLine2, r.City, r.Region, r.PostalCode, r.Country, r.Latitude, r.Longitude),
        new ContactInput(r.Phone, r.Email, r.Website),
        new SeoInput(r.MetaTitle, r.MetaDescription),
        null);
}
