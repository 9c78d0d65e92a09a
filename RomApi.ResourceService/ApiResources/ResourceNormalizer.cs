namespace RomApi.ResourceService.ApiResources;

/// <summary>
/// Validates a <see cref="ResourceInput"/> (field-level errors) and enriches it: website as a URL, phone in E.164,
/// region and coordinates from the gazetteer when only the city is known, default SEO fields.
/// </summary>
public sealed class ResourceNormalizer(Gazetteer gazetteer)
{
    private const int MetaTitleLength = 70;
    private const int MetaDescriptionLength = 160;

    public ResourceFields? Normalize(ResourceInput input, CategoryIndex categories, bool callerIsAdmin, FieldErrors errors)
    {
        var externalId = errors.Text("externalId", input.ExternalId, FieldLimits.ExternalId);
        var name = errors.Text("name", input.Name, FieldLimits.Name, required: true);
        var slug = NormalizeSlug(input.Slug, errors);
        var description = errors.Text("description", input.Description, FieldLimits.Description);
        var type = errors.Enum<ResourceType>("resourceType", input.ResourceType, required: true);
        var plan = errors.Enum<ResourcePlan>("plan", input.Plan);
        if (plan is not null && !callerIsAdmin)
        {
            errors.Add("plan", "only an admin sets the plan");
        }

        var category = ResolveCategory(input, categories, errors);

        var address = input.Address ?? new AddressInput();
        var line1 = errors.Text("address.addressLine1", address.AddressLine1, FieldLimits.AddressLine);
        var line2 = errors.Text("address.addressLine2", address.AddressLine2, FieldLimits.AddressLine);
        var city = errors.Text("address.city", address.City, FieldLimits.Place);
        var region = errors.Text("address.region", address.Region, FieldLimits.Place);
        var postalCode = errors.Text("address.postalCode", address.PostalCode, FieldLimits.PostalCode);
        var country = NormalizeCountry(address.Country, errors);
        var latitude = errors.Range("address.latitude", address.Latitude, -90, 90);
        var longitude = errors.Range("address.longitude", address.Longitude, -180, 180);
        if ((address.Latitude is null) != (address.Longitude is null))
        {
            errors.Add("address.latitude", "latitude and longitude go together");
        }

        var contact = input.Contact ?? new ContactInput();
        var phone = Normalized(errors, "contact.phone", contact.Phone, FieldLimits.Phone * 2, PhoneNumbers.ToE164, "must be a phone number (E.164 or a 9-digit Cameroonian number)");
        var email = Normalized(errors, "contact.email", contact.Email, FieldLimits.Email, WebAddresses.NormalizeEmail, "must be an e-mail address");
        var website = Normalized(errors, "contact.website", contact.Website, FieldLimits.Url, WebAddresses.NormalizeUrl, "must be an http or https address");
        if (website is { Length: > FieldLimits.Url })
        {
            errors.Add("contact.website", $"must be at most {FieldLimits.Url} characters");
        }

        var seo = input.Seo ?? new SeoInput();
        var metaTitle = errors.Text("seo.metaTitle", seo.MetaTitle, FieldLimits.MetaTitle);
        var metaDescription = errors.Text("seo.metaDescription", seo.MetaDescription, FieldLimits.MetaDescription);

        if (errors.Any || name is null || type is null)
        {
            return null;
        }

        if (city is not null && (region is null || latitude is null) && country == Gazetteer.Country && gazetteer.Find(city) is { } place)
        {
            region ??= place.Region;
            if (latitude is null)
            {
                (latitude, longitude) = (place.Latitude, place.Longitude);
            }
        }

        metaTitle ??= Shorten(city is null ? name : $"{name} – {city}", MetaTitleLength);
        metaDescription ??= Shorten(description ?? DescribeDefault(name, category?.Name, city, region), MetaDescriptionLength);

        return new ResourceFields(externalId, name, slug, description, type.Value, category?.Id, line1, line2, city, region, postalCode,
            country, latitude, longitude, phone, email, website, metaTitle, metaDescription, plan);
    }

    private static CategorySummary? ResolveCategory(ResourceInput input, CategoryIndex categories, FieldErrors errors)
    {
        if (input.CategoryId is { } id)
        {
            var byId = categories.Find(id);
            if (byId is null)
            {
                errors.Add("categoryId", "no such category");
            }
            return byId;
        }
        if (errors.Text("categorySlug", input.CategorySlug, FieldLimits.Slug) is { } slug)
        {
            var bySlug = categories.Find(slug);
            if (bySlug is null)
            {
                errors.Add("categorySlug", "no such category");
            }
            return bySlug;
        }
        return null;
    }

    private static string? NormalizeSlug(string? requested, FieldErrors errors)
    {
        if (errors.Text("slug", requested, FieldLimits.Slug) is not { } text)
        {
            return null;
        }
        var slug = TextFolding.Slugify(text);
        if (slug.Length == 0 || slug != text.ToLowerInvariant())
        {
            errors.Add("slug", "must be lower-case letters, digits and single dashes");
            return null;
        }
        return slug;
    }

    private static string NormalizeCountry(string? country, FieldErrors errors)
    {
        var text = errors.Text("address.country", country, 2);
        if (text is null)
        {
            return ApiResource.DefaultCountry;
        }
        if (text.Length != 2 || !text.All(char.IsAsciiLetter))
        {
            errors.Add("address.country", "must be an ISO 3166-1 alpha-2 code");
            return ApiResource.DefaultCountry;
        }
        return text.ToUpperInvariant();
    }

    private static string? Normalized(FieldErrors errors, string field, string? value, int maxLength, Func<string, string?> normalize, string message)
    {
        if (errors.Text(field, value, maxLength) is not { } text)
        {
            return null;
        }
        var normalized = normalize(text);
        if (normalized is null)
        {
            errors.Add(field, message);
        }
        return normalized;
    }

    private static string DescribeDefault(string name, string? category, string? city, string? region)
    {
        var where = (city, region) switch
        {
            ({ } c, { } r) => $" à {c} ({r})",
            ({ } c, null) => $" à {c}",
            (null, { } r) => $" ({r})",
            _ => "",
        };
        return category is null ? $"{name}{where}" : $"{name} – {category}{where}";
    }

    private static string Shorten(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }
        var cut = text.LastIndexOf(' ', maxLength - 1);
        if (cut <= maxLength / 2)
        {
            // Never split a surrogate pair: half an emoji cannot be stored as UTF-8.
            cut = char.IsHighSurrogate(text[maxLength - 2]) ? maxLength - 2 : maxLength - 1;
        }
        return text[..cut].TrimEnd() + "…";
    }
}
