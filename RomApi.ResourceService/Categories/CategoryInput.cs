namespace RomApi.ResourceService.Categories;

/// <summary>The body of POST and PUT /categories; the slug is derived from the name when absent.</summary>
public sealed record CategoryInput(string? Name, string? Slug, string? Description, string? Icon, Guid? ParentId)
{
    public (string Name, string Slug, string? Description, string? Icon)? Validate(FieldErrors errors)
    {
        var name = errors.Text("name", Name, FieldLimits.CategoryName, required: true);
        var slugText = errors.Text("slug", Slug, FieldLimits.Slug);
        var description = errors.Text("description", Description, FieldLimits.CategoryDescription);
        var icon = errors.Text("icon", Icon, FieldLimits.Icon);
        var slug = slugText ?? (name is null ? null : TextFolding.Slugify(name));
        if (slugText is not null && TextFolding.Slugify(slugText) != slugText)
        {
            errors.Add("slug", "must be lower-case letters, digits and single dashes");
        }
        else if (name is not null && string.IsNullOrEmpty(slug))
        {
            errors.Add("slug", "cannot be derived from the name; give one");
        }
        return errors.Any ? null : (name!, slug!, description, icon);
    }
}
