using Microsoft.AspNetCore.Mvc;
using RomApi.Platform.Analytics;
using System.Text.Json.Nodes;

namespace RomApi.ResourceService.ApiResources;

public static class ApiResourcesApi
{
    public const string BasePath = ResourceRoutes.ApiResources;

    public static RouteGroupBuilder MapApiResourcesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(BasePath).WithTags("API resources");

        api.MapGet("", ListApiResources)
            .WithName("ListApiResources")
            .Produces<ApiResponse<IReadOnlyList<ApiResourceDto>>>()
            .WithSummary("Resources the caller may see, filtered and sorted; limit 1..100 (default 20), offset 0..100000.")
            .WithDescription("Anonymous callers and API keys see ACTIVE resources only, a user also their own, an admin all. " +
                             "`category` is a slug and includes sub-categories; `city`/`region` match without regard to case. " +
                             "Bad filter values answer 400.");
        api.MapGet("/{id:guid}", GetApiResource)
            .WithName("GetApiResource")
            .Produces<ApiResponse<ApiResourceDto>>()
            .WithSummary("One resource by id, with an ETag (If-None-Match -> 304); 404 when missing, deleted or not visible to the caller.");
        api.MapGet("/slug/{slug}", GetApiResourceBySlug)
            .WithName("GetApiResourceBySlug")
            .Produces<ApiResponse<ApiResourceDto>>()
            .WithSummary("One resource by slug; same rules as by id.");
        api.MapPost("", CreateApiResource)
            .WithName("CreateApiResource").ProducesErrors(StatusCodes.Status409Conflict)
            .WithExamples("""{"name":"Boulangerie Akwa","resourceType":"BUSINESS","categorySlug":"boulangerie","description":"Pain, viennoiseries et gâteaux.","address":{"addressLine1":"Rue Joss","city":"Douala","country":"CM"},"contact":{"phone":"699 00 00 00","website":"boulangerie-akwa.cm"}}""")
            .Produces<ApiResponse<ApiResourceDto>>(StatusCodes.Status201Created)
            .WithSummary("Creates a PENDING resource owned by the caller, with a unique slug and enriched fields.")
            .WithDescription("Website -> absolute URL, phone -> E.164 (+237 by default), region and coordinates from the gazetteer " +
                             "(GeoNames, CC BY 4.0) when only the city is given, SEO fields derived. 409 when `slug` or `externalId` is taken. " +
                             "Text fields are stored exactly as sent (SQL metacharacters and emoji included); control characters are refused.");
        api.MapPut("/{id:guid}", ReplaceApiResource)
            .WithName("ReplaceApiResource").ProducesErrors(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed)
            .Produces<ApiResponse<ApiResourceDto>>()
            .WithSummary("Replaces the writable fields (owner or admin); If-Match with a stale ETag -> 412.");
        api.MapPatch("/{id:guid}", PatchApiResource)
            .WithName("PatchApiResource").ProducesErrors(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed)
            .Accepts<JsonElement>("application/merge-patch+json", "application/json")
            .Produces<ApiResponse<ApiResourceDto>>()
            .WithSummary("JSON merge patch (RFC 7396) of the writable fields (owner or admin); If-Match with a stale ETag -> 412.");
        api.MapDelete("/{id:guid}", DeleteApiResource)
            .WithName("DeleteApiResource").ProducesErrors(StatusCodes.Status403Forbidden, StatusCodes.Status412PreconditionFailed)
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Soft delete (owner or admin): afterwards 404 everywhere; If-Match with a stale ETag -> 412.");
        return api;
    }

    public static async Task<IResult> ListApiResources(
        [AsParameters] ResourceListQuery query, HttpContext context, ResourceLister lister, DatabaseAvailability database,
        IOptions<ApiResourcesOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = context.GetPlatformIdentity();
        var (page, error) = await lister.ListAsync(query, caller, cancellationToken);
        if (error is not null)
        {
            return error;
        }
        if (page!.Public)
        {
            AllowSharing(context, database, options.Value);
        }
        var meta = $"{{\"total\":{page.Meta.Total},\"limit\":{page.Meta.Limit},\"offset\":{page.Meta.Offset}}}";
        return new RawEnvelopeResult(System.Text.Encoding.UTF8.GetBytes(page.DataJson), time, meta: meta);
    }

    public static async Task<IResult> GetApiResource(
        Guid id, HttpContext context, ResourceReader reader, ViewRecorder views, DatabaseAvailability database, IOptions<ApiResourcesOptions> options,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = context.GetPlatformIdentity();
        var resource = await reader.GetAsync(id, cancellationToken);
        return Visible(resource, id, caller, context, views, database, options.Value, time);
    }

    public static async Task<IResult> GetApiResourceBySlug(
        string slug, HttpContext context, ResourceReader reader, ViewRecorder views, DatabaseAvailability database, IOptions<ApiResourcesOptions> options,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = context.GetPlatformIdentity();
        if (slug.Length > FieldLimits.Slug)
        {
            return ApiErrors.NotFound($"No API resource with slug '{slug[..FieldLimits.Slug]}…'.");
        }
        var found = await reader.GetBySlugAsync(slug, cancellationToken);
        return found is { } hit
            ? Visible(hit.Resource, hit.Id, caller, context, views, database, options.Value, time)
            : ApiErrors.NotFound($"No API resource with slug '{slug}'.");
    }

    private static IResult Visible(
        CachedResource? resource, Guid id, PlatformIdentity caller, HttpContext context, ViewRecorder views, DatabaseAvailability database,
        ApiResourcesOptions options, TimeProvider time)
    {
        if (resource is null || resource.IsDeleted || !caller.CanSee(resource.Status, resource.UserId))
        {
            return ApiErrors.NotFound($"No API resource with id '{id}'.");
        }
        views.Record(id, context);
        if (database.IsAway)
        {
            // Answered from the cache while the database is away: the last version this service knew, which it cannot confirm.
            context.Response.Headers[DatabaseAvailability.StaleHeader] = DatabaseAvailability.StaleValue;
        }
        else if (resource.Status == ResourceStatus.Active)
        {
            AllowSharing(context, database, options);
        }
        if (ETags.Matches(context.Request.Headers[HeaderNames.IfNoneMatch], resource.Version))
        {
            context.Response.Headers[HeaderNames.ETag] = resource.ETag;
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        return new RawEnvelopeResult(resource.Json, time, resource.ETag);
    }

    /// <summary>
    /// Marks an answer of public data, the same for every anonymous and API-key caller, as one the gateway may serve from a shared
    /// copy. Not while the database is away: a copy that cannot be confirmed is not one to spread.
    /// </summary>
    private static void AllowSharing(HttpContext context, DatabaseAvailability database, ApiResourcesOptions options)
    {
        if (!database.IsAway && options.SharedMaxAge > TimeSpan.Zero)
        {
            context.Response.Headers[SharedAnswer.MaxAgeHeader] = options.SharedMaxAgeText;
        }
    }

    public static async Task<IResult> CreateApiResource(
        ResourceInput input, HttpContext context, ResourceDbContext db, ResourceNormalizer normalizer, ResourceWriter writer,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = context.GetPlatformIdentity();
        var errors = new FieldErrors();
        var fields = normalizer.Normalize(input, await CategoryIndex.LoadAsync(db, cancellationToken), caller.IsAdmin, errors);
        if (fields is null)
        {
            return ApiErrors.Validation(errors.Items);
        }

        await using var transaction = await writer.BeginAsync(cancellationToken);
        if (await ResourceConflicts.FindAsync(db, fields, null, cancellationToken) is { } conflict)
        {
            return conflict;
        }
        var slugBase = fields.RequestedSlug ?? SlugAllocator.BaseOf(fields.Name);
        var slug = fields.RequestedSlug ?? (await SlugAllocator.AllocateAsync(db, [slugBase], cancellationToken))[0];
        var now = time.GetUtcNow();
        var resource = new ApiResource
        {
            Id = Guid.CreateVersion7(now),
            Name = fields.Name,
            Slug = slug,
            SlugBase = slugBase,
            UserId = caller.UserId,
            CreatedAt = now,
        };
        fields.ApplyTo(resource);
        db.ApiResources.Add(resource);
        var written = await writer.CommitAsync(transaction, resource, ChangeType.Created, [], cancellationToken);
        return new RawEnvelopeResult(written.Json, time, written.ETag, StatusCodes.Status201Created, location: $"{BasePath}/{resource.Id}");
    }

    public static Task<IResult> ReplaceApiResource(
        Guid id, ResourceInput input, HttpContext context, ResourceDbContext db, ResourceNormalizer normalizer, ResourceWriter writer,
        TimeProvider time, CancellationToken cancellationToken) =>
        UpdateAsync(id, _ => input, context, db, normalizer, writer, time, cancellationToken);

    public static async Task<IResult> PatchApiResource(
        Guid id, JsonElement patch, HttpContext context, ResourceDbContext db, ResourceNormalizer normalizer, ResourceWriter writer,
        ResourceJson json, TimeProvider time, CancellationToken cancellationToken)
    {
        if (patch.ValueKind != JsonValueKind.Object)
        {
            return ApiErrors.BadRequest("A merge patch is a JSON object.");
        }
        if (JsonMergePatch.UnreadableMember(patch) is { } unreadable)
        {
            // As POST answers a body with such text (the JSON reader refuses it there).
            return ApiErrors.BadRequest($"The patch has text that is not valid Unicode (invalid UTF-8 or an unpaired surrogate) at '{unreadable}'.");
        }
        return await UpdateAsync(id, current =>
        {
            var merged = JsonMergePatch.Apply(JsonSerializer.SerializeToNode(current.ToInput(), json.Options), patch);
            return merged.Deserialize<ResourceInput>(json.Options) ?? new ResourceInput();
        }, context, db, normalizer, writer, time, cancellationToken);
    }

    private static async Task<IResult> UpdateAsync(
        Guid id, Func<ApiResource, ResourceInput> inputFor, HttpContext context, ResourceDbContext db, ResourceNormalizer normalizer,
        ResourceWriter writer, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = context.GetPlatformIdentity();
        await using var transaction = await writer.BeginAsync(cancellationToken);
        var (resource, refusal) = await writer.LoadForChangeAsync(id, caller, context.Request.Headers.IfMatch, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        ResourceInput input;
        try
        {
            input = inputFor(resource!);
        }
        catch (JsonException exception)
        {
            return ApiErrors.BadRequest($"The patch has a wrong type at '{exception.Path}'.");
        }
        var errors = new FieldErrors();
        var fields = normalizer.Normalize(input, await CategoryIndex.LoadAsync(db, cancellationToken), caller.IsAdmin, errors);
        if (fields is null)
        {
            return ApiErrors.Validation(errors.Items);
        }
        var newSlug = fields.RequestedSlug is { } requested && requested != resource!.Slug ? requested : null;
        if (await ResourceConflicts.FindAsync(db, fields with { RequestedSlug = newSlug }, id, cancellationToken) is { } conflict)
        {
            return conflict;
        }
        var retired = new List<string>();
        fields.ApplyTo(resource!);
        if (newSlug is not null)
        {
            retired.Add(resource!.Slug);
            resource.Slug = newSlug;
            resource.SlugBase = newSlug;
        }
        var written = await writer.CommitAsync(transaction, resource!, ChangeType.Updated, retired, cancellationToken);
        return new RawEnvelopeResult(written.Json, time, written.ETag);
    }

    public static async Task<IResult> DeleteApiResource(
        Guid id, HttpContext context, ResourceWriter writer, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = context.GetPlatformIdentity();
        await using var transaction = await writer.BeginAsync(cancellationToken);
        var (resource, refusal) = await writer.LoadForChangeAsync(id, caller, context.Request.Headers.IfMatch, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        resource!.DeletedAt = time.GetUtcNow();
        await writer.CommitAsync(transaction, resource, ChangeType.Deleted, [], cancellationToken);
        return TypedResults.NoContent();
    }
}
