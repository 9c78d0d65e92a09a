namespace RomApi.Contracts.Resources;

/// <summary>
/// A category as the API shows it (<see cref="ResourceRoutes.Categories"/>); <see cref="Children"/> is empty in the flat list,
/// which the search service reads to expand a category filter to its sub-categories.
/// </summary>
public sealed record CategoryDto(
    Guid Id,
    string Name,
    string Slug,
    string? Description,
    string? Icon,
    Guid? ParentId,
    IReadOnlyList<CategoryDto> Children);
