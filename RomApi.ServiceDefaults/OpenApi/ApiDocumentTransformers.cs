using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using RomApi.ServiceDefaults.Errors;
using System.Text.Json.Nodes;

namespace RomApi.ServiceDefaults.OpenApi;

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

    public static async Task Operation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var options = context.ApplicationServices.GetRequiredService<IOptions<ApiDocumentOptions>>().Value;
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var method = context.Description.HttpMethod ?? "GET";
        var access = metadata.OfType<ApiAccessMetadata>().LastOrDefault()?.Access
            ?? (HttpMethods.IsGet(method) ? ApiAccess.Optional : ApiAccess.Caller);

        operation.Security = access switch
        {
            ApiAccess.Anonymous => [new OpenApiSecurityRequirement()],
            ApiAccess.Optional => [new OpenApiSecurityRequirement(), Requirement(Bearer, context), Requirement(ApiKey, context)],
            ApiAccess.Bearer => [Requirement(Bearer, context)],
            _ => [Requirement(Bearer, context), Requirement(ApiKey, context)],
        };

        foreach (var parameter in operation.Parameters ?? [])
        {
            if (parameter is OpenApiParameter { In: ParameterLocation.Query, Name: { Length: > 0 } name } query && char.IsUpper(name[0]))
            {
                query.Name = char.ToLowerInvariant(name[0]) + name[1..];
            }
            if (parameter is OpenApiParameter { In: ParameterLocation.Query, Schema: OpenApiSchema typedSchema, Name: { } typedName } &&
                options.QueryTypes.TryGetValue(typedName, out var jsonType))
            {
                typedSchema.Type = jsonType switch
                {
                    "integer" => JsonSchemaType.Integer,
                    "number" => JsonSchemaType.Number,
                    "boolean" => JsonSchemaType.Boolean,
                    "date-time" => JsonSchemaType.String,
                    _ => throw new InvalidOperationException($"Unknown query type {jsonType} for {typedName}."),
                };
                typedSchema.Format = jsonType switch { "integer" => "int32", "number" => "double", "date-time" => "date-time", _ => null };
                typedSchema.Pattern = null;
            }
            if (parameter is OpenApiParameter { In: ParameterLocation.Query, Schema: OpenApiSchema schema } named &&
                (options.QueryEnums.TryGetValue($"{operation.OperationId}.{named.Name}", out var values) ||
                 options.QueryEnums.TryGetValue(named.Name!, out values)))
            {
                schema.Type = JsonSchemaType.String;
                schema.Enum = [.. values.Select(value => (JsonNode)JsonValue.Create(value))];
            }
        }

        var statuses = new SortedSet<int>();
        if (operation.RequestBody is not null)
        {
            statuses.UnionWith([400, 413, 415, 422]);
        }
        if (operation.Parameters?.Any(p => p.In == ParameterLocation.Query) == true)
        {
            statuses.Add(400);
        }
        if (operation.Parameters?.Any(p => p.In == ParameterLocation.Path) == true)
        {
            statuses.Add(404);
        }
        statuses.UnionWith(access switch
        {
            ApiAccess.Anonymous => [],
            ApiAccess.Optional or ApiAccess.Bearer => [401],
            _ => [401, 403],
        });
        foreach (var declared in metadata.OfType<ApiErrorsMetadata>())
        {
            statuses.UnionWith(declared.Statuses);
        }
        statuses.UnionWith([429, 500, 503]);

        operation.Responses ??= [];
        foreach (var status in statuses)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var (code, description) = metadata.OfType<ApiErrorCodeMetadata>().LastOrDefault(m => m.Status == status) is { } own
                ? (own.Code, own.Description)
                : Errors.TryGetValue(status, out var known) ? known : (ErrorCodes.ForStatus(status), ErrorCodes.DefaultMessage(status));
            var response = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new()
                    {
                        Schema = new OpenApiSchemaReference(ErrorSchema, context.Document),
                        Example = ErrorExample(status, code, Message(status, code, description), context.Description.RelativePath, method),
                    },
                },
            };
            if (status is 429 or 503)
            {
                response.Headers = new Dictionary<string, IOpenApiHeader>
                {
                    ["Retry-After"] = new OpenApiHeader
                    {
                        Description = "Seconds to wait before trying again.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
                    },
                };
            }
            operation.Responses[key] = response;
        }

        if (metadata.OfType<ApiExamplesMetadata>().LastOrDefault() is { } examples)
        {
            if (examples.Request is not null && operation.RequestBody?.Content is { } requestContent)
            {
                foreach (var media in requestContent.Values)
                {
                    media.Example = JsonNode.Parse(examples.Request);
                }
            }
            if (examples.Response is not null &&
                operation.Responses.FirstOrDefault(r => r.Key.StartsWith('2')).Value?.Content is { } responseContent)
            {
                foreach (var media in responseContent.Values)
                {
                    media.Example = JsonNode.Parse(examples.Response);
                }
            }
        }
        await Task.CompletedTask;
    }

    public static Task Schema(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        // Web JSON options read numbers from strings too, which the generator states as type [integer, string] with a pattern;
        // clients should send numbers.
        if (schema.Type is { } types && types.HasFlag(JsonSchemaType.String) && schema.Pattern is not null &&
            (types.HasFlag(JsonSchemaType.Integer) || types.HasFlag(JsonSchemaType.Number)))
        {
            schema.Type = types & ~JsonSchemaType.String;
            schema.Pattern = null;
        }

        var settings = context.ApplicationServices.GetRequiredService<IOptions<ApiDocumentOptions>>().Value;
        var type = context.JsonTypeInfo.Type;
        if (settings.Schemas.TryGetValue(type, out var rule) ||
            (type.IsGenericType && settings.Schemas.TryGetValue(type.GetGenericTypeDefinition(), out rule)))
        {
            schema.Required = new HashSet<string>(rule.Required, StringComparer.Ordinal);
            foreach (var required in rule.Required)
            {
                // A required field is sent with a value (null is refused like a missing field).
                if (schema.Properties?.TryGetValue(required, out var property) == true && property is OpenApiSchema { Type: { } propertyType } typed &&
                    propertyType.HasFlag(JsonSchemaType.Null) && propertyType != JsonSchemaType.Null)
                {
                    typed.Type = propertyType & ~JsonSchemaType.Null;
                }
            }
            foreach (var (property, values) in rule.Enums)
            {
                if (schema.Properties?.TryGetValue(property, out var propertySchema) == true && propertySchema is OpenApiSchema target)
                {
                    var items = target.Type?.HasFlag(JsonSchemaType.Array) == true && target.Items is OpenApiSchema itemSchema ? itemSchema : target;
                    items.Enum = [.. values.Select(value => (JsonNode)JsonValue.Create(value))];
                    if (items.Type?.HasFlag(JsonSchemaType.String) == true)
                    {
                        items.Type = rule.Required.Contains(property) ? JsonSchemaType.String : items.Type;
                    }
                }
            }
        }
        return Task.CompletedTask;
    }

    // The default message of the status, or for a code of the operation's own the text of its description after "CODE: ".
    private static string Message(int status, string code, string description) =>
        code == ErrorCodes.ForStatus(status) || !description.StartsWith(code + ": ", StringComparison.Ordinal)
            ? ErrorCodes.DefaultMessage(status)
            : char.ToUpperInvariant(description[code.Length + 2]) + description[(code.Length + 3)..];

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

    private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiOperationTransformerContext context) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] };

    private static JsonNode ErrorExample(int status, string code, string message, string? path, string method)
    {
        var error = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
        };
        if (status == 422)
        {
            error["details"] = new JsonArray(new JsonObject { ["field"] = "name", ["message"] = "is required" });
        }
        error["timestamp"] = "2026-11-29T08:00:00+00:00";
        error["path"] = "/" + (path ?? "");
        error["method"] = method;
        error["requestId"] = "0HNH5L8Q2V3AB:00000001";
        return new JsonObject { ["success"] = false, ["error"] = error };
    }
}
