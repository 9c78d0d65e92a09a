namespace RomApi.ResourceService.Images;

public sealed record ImageInput(string? Url, string? AltText, bool? IsPrimary, int? OrderIndex);

public static class ImagesApi
{
    public const int MaxImagesPerResource = 50;

    public static RouteGroupBuilder MapImagesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiResourcesApi.BasePath + "/{id:guid}/images").WithTags("Images");
        api.MapGet("", GetImages).WithName("GetImages").Produces<ApiResponse<IReadOnlyList<ImageDto>>>()
            .WithSummary("The resource's images by orderIndex.");
        api.MapPost("", AddImage).WithName("AddImage").Produces<ApiResponse<ImageDto>>(StatusCodes.Status201Created)
            .WithSummary($"Adds an image (owner or admin); isPrimary moves the primary mark from any other image; at most {MaxImagesPerResource}.");
        api.MapDelete("/{imageId:guid}", DeleteImage).WithName("DeleteImage").Produces(StatusCodes.Status204NoContent)
            .WithSummary("Removes an image (owner or admin).");
        return api;
    }

    public static async Task<IResult> GetImages(Guid id, HttpContext context, ResourceReader reader, TimeProvider time, CancellationToken cancellationToken)
    {
        var (resource, error) = await reader.GetVisibleAsync(id, context.GetPlatformIdentity(), cancellationToken);
        return error ?? (IResult)TypedResults.Ok(new ApiResponse<IReadOnlyList<ImageDto>>(resource!.Images, null, time.GetUtcNow()));
    }

    public static async Task<IResult> AddImage(
        Guid id, ImageInput input, HttpContext context, ResourceWriter writer, ResourceDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = context.GetPlatformIdentity();
        var errors = new FieldErrors();
        var url = errors.Text("url", input.Url, FieldLimits.Url, required: true) is { } text ? WebAddresses.NormalizeUrl(text) : null;
        if (input.Url is not null && url is null && !errors.Any)
        {
            errors.Add("url", "must be an http or https address");
        }
        var altText = errors.Text("altText", input.AltText, FieldLimits.AltText);
        if (input.OrderIndex is < 0 or > 10_000)
        {
            errors.Add("orderIndex", "must be between 0 and 10000");
        }

        await using var transaction = await writer.BeginAsync(cancellationToken);
        var (resource, refusal) = await writer.LoadForChangeAsync(id, caller, context.Request.Headers.IfMatch, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        if (resource!.Images.Count >= MaxImagesPerResource)
        {
            errors.Add("url", $"a resource has at most {MaxImagesPerResource} images");
        }
        if (errors.Any)
        {
            return ApiErrors.Validation(errors.Items);
        }
        var isPrimary = input.IsPrimary ?? resource.Images.Count == 0;
        if (isPrimary && resource.Images.Any(i => i.IsPrimary))
        {
            // The partial unique index allows one primary: clear the old mark before the new one is inserted.
            resource.Images.ForEach(i => i.IsPrimary = false);
            await db.SaveChangesAsync(cancellationToken);
        }
        var image = new ResourceImage
        {
            Id = Guid.CreateVersion7(),
            ResourceId = id,
            Url = url!,
            AltText = altText,
            IsPrimary = isPrimary,
            OrderIndex = input.OrderIndex ?? (resource.Images.Count == 0 ? 0 : resource.Images.Max(i => i.OrderIndex) + 1),
            CreatedAt = time.GetUtcNow(),
        };
        // Added through the set (EF fixes up resource.Images): reached only through the navigation, an entity whose key is
        // already set would be taken for an existing row.
        db.ResourceImages.Add(image);
        var written = await writer.CommitAsync(transaction, resource, ChangeType.Updated, [], cancellationToken);
        context.Response.Headers.ETag = written.ETag;
        return TypedResults.Created($"{ApiResourcesApi.BasePath}/{id}/images/{image.Id}", new ApiResponse<ImageDto>(image.ToDto(), null, time.GetUtcNow()));
    }

    public static async Task<IResult> DeleteImage(
        Guid id, Guid imageId, HttpContext context, ResourceWriter writer, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = context.GetPlatformIdentity();
        await using var transaction = await writer.BeginAsync(cancellationToken);
        var (resource, refusal) = await writer.LoadForChangeAsync(id, caller, context.Request.Headers.IfMatch, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var image = resource!.Images.FirstOrDefault(i => i.Id == imageId);
        if (image is null)
        {
            return ApiErrors.NotFound($"No image '{imageId}' on this resource.");
        }
        resource.Images.Remove(image);
        await writer.CommitAsync(transaction, resource, ChangeType.Updated, [], cancellationToken);
        return TypedResults.NoContent();
    }
}
