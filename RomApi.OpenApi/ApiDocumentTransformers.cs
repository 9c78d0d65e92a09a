using Microsoft.AspNetCore.Http;

namespace RomApi.OpenApi;

/// <summary>
/// Makes each service's OpenAPI document one clients can generate from: security schemes and per-operation requirements,
/// every error answer in the error envelope, required fields and enums of hand-validated requests, camelCase query names,
/// integer parameters typed as integers, examples.
/// </summary>
internal static partial class ApiDocumentTransformers
{
    public const string Bearer = "bearer";
    public const string ApiKey = "apiKey";
    public const string ErrorSchema = nameof(ApiErrorResponse);

    private static readonly Dictionary<int, (string Code, string Description)> Errors = new()
    {
        [400] = (ErrorCodes.BadRequest, "BAD_REQUEST: malformed JSON, or a query or path value of the wrong form."),
        [401] = (ErrorCodes.Unauthorized, "UNAUTHORIZED: no credentials where they are needed, or an access token or API key that is invalid, expired or revoked."),
        [403] = (ErrorCodes.Forbidden, "FORBIDDEN: the caller may not do this (not the owner, not an admin, or an API key without the permission)."),
        [404] = (ErrorCodes.NotFound, "NOT_FOUND: nothing with this id or slug that the caller may see."),
        [409] = (ErrorCodes.Conflict, "CONFLICT: the request clashes with what exists (a taken email, slug or externalId; a category in use)."),
        [412] = (ErrorCodes.PreconditionFailed, "PRECONDITION_FAILED: If-Match named an ETag that is no longer current."),
        [413] = (ErrorCodes.PayloadTooLarge, "PAYLOAD_TOO_LARGE: the body is over the size limit."),
        [415] = (ErrorCodes.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE: send the body as application/json."),
        [422] = (ErrorCodes.ValidationError, "VALIDATION_ERROR: the body is well-formed but some fields are wrong; `details` lists them ({field, message})."),
        [429] = (ErrorCodes.RateLimitExceeded, "RATE_LIMIT_EXCEEDED (per minute, per hour for an API key, or login throttling) or QUOTA_EXCEEDED (monthly quota); wait Retry-After seconds."),
        [500] = (ErrorCodes.InternalError, "INTERNAL_ERROR: an unexpected failure (no stack trace; quote the requestId)."),
        [503] = (ErrorCodes.ServiceUnavailable, "SERVICE_UNAVAILABLE: a dependency (database, downstream service) is unreachable; retry after Retry-After seconds."),
    };

    public static Task Document(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var options = context.ApplicationServices.GetRequiredService<IOptions<ApiDocumentOptions>>().Value;
        document.Info ??= new OpenApiInfo();
        document.Info.Title = options.Title;
        document.Info.Version = "v1";
        if (options.Description.Length > 0)
        {
            document.Info.Description = options.Description;
        }
        document.Info.License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token from POST /api/v1/auth/login or /api/v1/auth/register (15 minutes; renew with /api/v1/auth/refresh).",
        };
        document.Components.SecuritySchemes[ApiKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-API-Key",
            Description = "An API key from POST /api/v1/api-keys (the header `apikey` is accepted too); it carries the permissions it was created with.",
        };
        // A nullable object is written oneOf [null, $ref] once schemas are components; where a rule requires the property (the
        // envelope's data, a request's required object) it always has a value: just the reference.
        var ruled = options.Schemas.Keys.Select(type => type.IsGenericTypeDefinition ? type.Name[..type.Name.IndexOf('`')] + "Of" : type.Name).ToList();
        foreach (var (name, component) in document.Components.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (component is not OpenApiSchema { Properties: { } properties, Required: { } required } ||
                !ruled.Any(prefix => name == prefix || (prefix.EndsWith("Of", StringComparison.Ordinal) && name.StartsWith(prefix, StringComparison.Ordinal))))
            {
                continue;
            }
            foreach (var property in required)
            {
                if (properties.TryGetValue(property, out var value) && value is OpenApiSchema { OneOf: { Count: 2 } oneOf } &&
                    oneOf.Count(option => option is OpenApiSchema { Type: JsonSchemaType.Null }) == 1)
                {
                    properties[property] = oneOf.Single(option => option is not OpenApiSchema { Type: JsonSchemaType.Null });
                }
            }
        }
        MergeSameShapedPaths(document);
        // Servers come from the request; a trailing slash would double the one every path starts with.
        foreach (var server in document.Servers ?? [])
        {
            if (server.Url is { Length: > 1 } url && url.EndsWith('/'))
            {
                server.Url = url.TrimEnd('/');
            }
        }
        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag.Name is { } name && options.Tags.TryGetValue(name, out var description))
            {
                tag.Description = description;
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Templates that differ only in parameter names ("/categories/{idOrSlug}" for GET, "/categories/{id}" for PUT) are one path to
    /// OpenAPI: the later one's operations move to the first, their path parameters renamed by position.
    /// </summary>
    private static void MergeSameShapedPaths(OpenApiDocument document)
    {
        if (document.Paths is not { } paths)
        {
            return;
        }
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in paths.Keys.ToList())
        {
            var shape = PathParameter().Replace(path, "{}");
            if (!seen.TryGetValue(shape, out var first))
            {
                seen[shape] = path;
                continue;
            }
            if (paths[first] is not OpenApiPathItem target || paths[path] is not OpenApiPathItem moved || moved.Operations is null)
            {
                continue;
            }
            var names = PathParameter().Matches(path).Select(m => m.Value.Trim('{', '}')).ToList();
            var targetNames = PathParameter().Matches(first).Select(m => m.Value.Trim('{', '}')).ToList();
            target.Operations ??= [];
            foreach (var (method, operation) in moved.Operations)
            {
                if (target.Operations.ContainsKey(method))
                {
                    return; // a real clash: leave both for the linter to report
                }
                foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
                {
                    if (parameter.In == ParameterLocation.Path && parameter.Name is { } name && names.IndexOf(name) is var index and >= 0)
                    {
                        parameter.Name = targetNames[index];
                    }
                }
                target.Operations[method] = operation;
            }
            paths.Remove(path);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("{[^}]+}")]
    private static partial System.Text.RegularExpressions.Regex PathParameter();
}
