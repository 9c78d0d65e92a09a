using Microsoft.AspNetCore.Http;

namespace RomApi.OpenApi;

/// <summary>Per operation: security requirements, every error answer in the envelope with an example, camelCase query names.</summary>
internal static partial class ApiDocumentTransformers
{
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

    // The default message of the status, or for a code of the operation's own the text of its description after "CODE: ".
    private static string Message(int status, string code, string description) =>
        code == ErrorCodes.ForStatus(status) || !description.StartsWith(code + ": ", StringComparison.Ordinal)
            ? ErrorCodes.DefaultMessage(status)
            : char.ToUpperInvariant(description[code.Length + 2]) + description[(code.Length + 3)..];

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
