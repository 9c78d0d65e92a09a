namespace RomApi.ResourceService.Categories;

public static class CategoriesApi
{
    public const string BasePath = ResourceRoutes.Categories;

    public static RouteGroupBuilder MapCategoriesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(BasePath).WithTags("Categories");

        api.MapGet("", ListCategories)
            .WithName("ListCategories")
            .Produces<ApiResponse<IReadOnlyList<CategoryDto>>>()
            .WithSummary("The category tree, or with flat=true every category in one list ordered by name. Cached 24 h, refreshed on change.");
        api.MapGet("/{idOrSlug}", GetCategory)
            .WithName("GetCategory")
            .Produces<ApiResponse<CategoryDto>>()
            .WithSummary("One category with its sub-tree, by id or slug.");
        api.MapPost("", CreateCategory)
            .WithName("CreateCategory").WithAccess(ApiAccess.Admin).ProducesErrors(StatusCodes.Status409Conflict)
            .Produces<ApiResponse<CategoryDto>>(StatusCodes.Status201Created)
            .WithSummary("Admin: adds a category (slug from the name when absent; 409 when taken; parentId must exist).");
        api.MapPut("/{id:guid}", UpdateCategory)
            .WithName("UpdateCategory").WithAccess(ApiAccess.Admin).ProducesErrors(StatusCodes.Status409Conflict)
            .Produces<ApiResponse<CategoryDto>>()
            .WithSummary("Admin: replaces name, slug, description, icon and parent (no cycles). Resources of the category are re-announced on the change feed.");
        api.MapDelete("/{id:guid}", DeleteCategory)
            .WithName("DeleteCategory").WithAccess(ApiAccess.Admin).ProducesErrors(StatusCodes.Status409Conflict)
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Admin: removes an unused category; 409 when resources or sub-categories use it.");
        return api;
    }

    public static async Task<IResult> ListCategories(bool? flat, ResourceDbContext db, CategoryReader categories, TimeProvider time, CancellationToken cancellationToken)
    {
        var (json, _) = await categories.ReadAsync(flat == true ? CategoryReader.Flat : CategoryReader.Tree, db, cancellationToken);
        return new RawEnvelopeResult(json, time);
    }

    public static async Task<IResult> GetCategory(string idOrSlug, ResourceDbContext db, CategoryReader categories, TimeProvider time, CancellationToken cancellationToken)
    {
        if (idOrSlug.Length > FieldLimits.Slug)
        {
            return ApiErrors.NotFound("No such category.");
        }
        var (_, tree) = await categories.ReadAsync(CategoryReader.Tree, db, cancellationToken);
        var found = Find(tree, idOrSlug);
        return found is null ? ApiErrors.NotFound($"No category '{idOrSlug}'.") : ApiResults.Ok(found, time);
    }

    public static async Task<IResult> CreateCategory(CategoryInput input, HttpContext context, ResourceDbContext db, ResourceCache cache, TimeProvider time, CancellationToken cancellationToken)
    {
        if (context.GetPlatformIdentity().AdminDenied() is { } denied)
        {
            return denied;
        }
        var errors = new FieldErrors();
        var valid = input.Validate(errors);
        if (input.ParentId is { } parentId && !await db.Categories.AnyAsync(c => c.Id == parentId, cancellationToken))
        {
            errors.Add("parentId", "no such category");
        }
        if (valid is null || errors.Any)
        {
            return ApiErrors.Validation(errors.Items);
        }
        var (name, slug, description, icon) = valid.Value;
        if (await db.Categories.AnyAsync(c => c.Slug == slug, cancellationToken))
        {
            return ApiErrors.Conflict($"The category slug '{slug}' is taken.");
        }
        var now = time.GetUtcNow();
        var category = new Category
        {
            Id = Guid.CreateVersion7(now), Name = name, Slug = slug, Description = description, Icon = icon, ParentId = input.ParentId,
            CreatedAt = now, UpdatedAt = now,
        };
        db.Categories.Add(category);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (IsSlugTaken(exception))
        {
            // Another request created the same slug between the check above and this insert.
            return ApiErrors.Conflict($"The category slug '{slug}' is taken.");
        }
        await cache.InvalidateCategoriesAsync();
        return TypedResults.Created($"{BasePath}/{category.Id}", new ApiResponse<CategoryDto>(ToDto(category), null, now));
    }

    public static async Task<IResult> UpdateCategory(Guid id, CategoryInput input, HttpContext context, ResourceDbContext db,
        CategoryRenamer renamer, ResourceCache cache, TimeProvider time, CancellationToken cancellationToken)
    {
        if (context.GetPlatformIdentity().AdminDenied() is { } denied)
        {
            return denied;
        }
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (category is null)
        {
            return ApiErrors.NotFound($"No category '{id}'.");
        }
        var errors = new FieldErrors();
        var valid = input.Validate(errors);
        if (input.ParentId is { } parentId && !await IsValidParentAsync(db, id, parentId, cancellationToken))
        {
            errors.Add("parentId", "no such category, or it would make a cycle");
        }
        if (valid is null || errors.Any)
        {
            return ApiErrors.Validation(errors.Items);
        }
        var (name, slug, description, icon) = valid.Value;
        if (await db.Categories.AnyAsync(c => c.Slug == slug && c.Id != id, cancellationToken))
        {
            return ApiErrors.Conflict($"The category slug '{slug}' is taken.");
        }
        var renamed = category.Name != name || category.Slug != slug;
        (category.Name, category.Slug, category.Description, category.Icon, category.ParentId) = (name, slug, description, icon, input.ParentId);
        category.UpdatedAt = time.GetUtcNow();
        try
        {
            if (renamed)
            {
                await renamer.SaveAndReannounceAsync(category, cancellationToken);
            }
            else
            {
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        catch (DbUpdateException exception) when (IsSlugTaken(exception))
        {
            return ApiErrors.Conflict($"The category slug '{slug}' is taken.");
        }
        await cache.InvalidateCategoriesAsync();
        return ApiResults.Ok(ToDto(category), time);
    }

    public static async Task<IResult> DeleteCategory(Guid id, HttpContext context, ResourceDbContext db, ResourceCache cache, CancellationToken cancellationToken)
    {
        if (context.GetPlatformIdentity().AdminDenied() is { } denied)
        {
            return denied;
        }
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (category is null)
        {
            return ApiErrors.NotFound($"No category '{id}'.");
        }
        if (await db.Categories.AnyAsync(c => c.ParentId == id, cancellationToken) ||
            await db.ApiResources.AnyAsync(r => r.CategoryId == id, cancellationToken))
        {
            return ApiErrors.Conflict("The category is in use by resources or sub-categories.");
        }
        db.Categories.Remove(category);
        await db.SaveChangesAsync(cancellationToken);
        await cache.InvalidateCategoriesAsync();
        return TypedResults.NoContent();
    }

    private static bool IsSlugTaken(DbUpdateException exception) =>
        exception.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation };

    private static async Task<bool> IsValidParentAsync(ResourceDbContext db, Guid id, Guid parentId, CancellationToken cancellationToken)
    {
        var parents = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.ParentId, cancellationToken);
        Guid? current = parentId;
        for (var depth = 0; current is { } step; depth++)
        {
            if (step == id || !parents.TryGetValue(step, out var next) || depth > parents.Count)
            {
                return false;
            }
            current = next;
        }
        return true;
    }

    private static CategoryDto? Find(IEnumerable<CategoryDto> nodes, string idOrSlug)
    {
        foreach (var node in nodes)
        {
            if (node.Slug == idOrSlug || node.Id.ToString() == idOrSlug.ToLowerInvariant())
            {
                return node;
            }
            if (Find(node.Children, idOrSlug) is { } found)
            {
                return found;
            }
        }
        return null;
    }

    private static CategoryDto ToDto(Category c) => new(c.Id, c.Name, c.Slug, c.Description, c.Icon, c.ParentId, []);
}
