namespace RomApi.ResourceService.Categories;

/// <summary>A category as the API shows it; <see cref="Children"/> is empty in the flat list.</summary>
public sealed record CategoryDto(
    Guid Id,
    string Name,
    string Slug,
    string? Description,
    string? Icon,
    Guid? ParentId,
    IReadOnlyList<CategoryDto> Children);
