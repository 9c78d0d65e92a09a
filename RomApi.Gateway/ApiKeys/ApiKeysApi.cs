using Microsoft.AspNetCore.Http.HttpResults;
using RomApi.ServiceDefaults.Envelopes;
using RomApi.Text;

namespace RomApi.Gateway.ApiKeys;

/// <summary>/api/v1/api-keys: a user's keys. Managed with an access token only; a key cannot mint or revoke keys.</summary>
public static class ApiKeysApi
{
    public static IEndpointRouteBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/api-keys").WithTags("API keys");
        api.MapPost("", Create)
            .WithName("CreateApiKey").WithAccess(ApiAccess.Bearer).ProducesErrors(StatusCodes.Status403Forbidden)
            .WithExamples("""{"name":"my app","permissions":["resources:read","search:read"],"rateLimit":1000}""")
            .WithSummary("Create an API key; the key itself is in this answer only")
            .WithDescription("permissions: any of resources:read, resources:write, search:read, analytics:read, analytics:write. rateLimit: requests per hour (default 1000, at most 60 times the owner's per-minute plan limit; more is refused with 422). A key's requests also count against its owner's per-minute plan limit and monthly quota. Send the key as 'X-API-Key: <key>' (or 'apikey').");
        api.MapGet("", List).WithName("ListApiKeys").WithAccess(ApiAccess.Bearer).ProducesErrors(StatusCodes.Status403Forbidden).WithSummary("The caller's API keys, without secrets");
        api.MapDelete("/{id:guid}", Revoke)
            .WithName("RevokeApiKey").WithAccess(ApiAccess.Bearer).ProducesErrors(StatusCodes.Status403Forbidden)
            .WithSummary("Revoke an API key")
            .WithDescription("Takes effect on every gateway replica within a second.");
        return app;
    }

    private static async Task<Results<Created<ApiResponse<CreatedApiKey>>, ErrorResult>> Create(
        CreateApiKeyRequest request, HttpContext context, IdentityDbContext db, IOptions<LimitsOptions> limits, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (UserOf(context) is { } refusal)
        {
            return refusal;
        }
        var caller = context.GetCaller();
        var maxPerHour = limits.Value.ApiKeyMaxPerHourFor(caller.Plan);
        var errors = Validate(request, maxPerHour, time.GetUtcNow());
        if (errors.Count > 0)
        {
            return ApiErrors.Validation(errors);
        }
        var (key, prefix, hash) = ApiKeyFormat.Generate();
        var entity = new ApiKey
        {
            Id = Guid.CreateVersion7(),
            UserId = caller.UserId!.Value,
            Name = request.Name!.Trim(),
            KeyPrefix = prefix,
            KeyHash = hash,
            Permissions = request.Permissions!.Distinct().ToArray(),
            RateLimit = request.RateLimit ?? Math.Min(limits.Value.ApiKeyDefaultPerHour, maxPerHour),
            ExpiresAt = request.ExpiresAt,
            CreatedAt = time.GetUtcNow(),
        };
        db.ApiKeys.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        return ApiResults.Created($"/api/v1/api-keys/{entity.Id}",
            new CreatedApiKey(entity.Id, entity.Name, key, prefix, entity.Permissions, entity.RateLimit, entity.ExpiresAt, entity.CreatedAt), time);
    }

    private static async Task<Results<Ok<ApiResponse<IReadOnlyList<ApiKeySummary>>>, ErrorResult>> List(
        HttpContext context, IdentityDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (UserOf(context) is { } refusal)
        {
            return refusal;
        }
        var userId = context.GetCaller().UserId!.Value;
        var keys = await db.ApiKeys.AsNoTracking().Where(k => k.UserId == userId).OrderByDescending(k => k.CreatedAt).ToListAsync(cancellationToken);
        return ApiResults.Ok<IReadOnlyList<ApiKeySummary>>(keys.Select(ApiKeySummary.Of).ToList(), time);
    }

    private static async Task<Results<NoContent, ErrorResult>> Revoke(
        Guid id, HttpContext context, IdentityDbContext db, ApiKeyCache cache, TimeProvider time, CancellationToken cancellationToken)
    {
        if (UserOf(context) is { } refusal)
        {
            return refusal;
        }
        var caller = context.GetCaller();
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id && (k.UserId == caller.UserId || caller.IsAdmin), cancellationToken);
        if (key is null)
        {
            return ApiErrors.NotFound("No such API key.");
        }
        if (key.IsActive)
        {
            key.IsActive = false;
            key.RevokedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }
        await cache.InvalidateEverywhereAsync(key.KeyPrefix);
        return TypedResults.NoContent();
    }

    private static ErrorResult? UserOf(HttpContext context)
    {
        var caller = context.GetCaller();
        if (!caller.IsAuthenticated)
        {
            return ApiErrors.Unauthorized();
        }
        return caller.IsApiKey ? ApiErrors.Forbidden("API keys are managed with an access token, not with an API key.") : null;
    }

    private static List<FieldError> Validate(CreateApiKeyRequest request, int maxPerHour, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 100)
        {
            errors.Add(new("name", "Give a name of 1 to 100 characters."));
        }
        else if (TextChecks.Problem(request.Name) is { } problem)
        {
            errors.Add(new("name", $"The name {problem}."));
        }
        if (request.Permissions is not { Length: > 0 })
        {
            errors.Add(new("permissions", "Grant at least one permission."));
        }
        else if (request.Permissions.FirstOrDefault(p => !Permissions.All.Contains(p)) is { } unknown)
        {
            errors.Add(new("permissions", $"Unknown permission '{unknown}'; use {string.Join(", ", Permissions.All)}."));
        }
        // A key cannot promise more than its owner's plan allows: its requests count against that plan too (API.md).
        if (request.RateLimit is < 1 || request.RateLimit > maxPerHour)
        {
            errors.Add(new("rateLimit", $"Use 1 to {maxPerHour} requests per hour (60 times your plan's per-minute limit)."));
        }
        if (request.ExpiresAt is { } expires && expires <= now)
        {
            errors.Add(new("expiresAt", "Give a time in the future."));
        }
        return errors;
    }
}
