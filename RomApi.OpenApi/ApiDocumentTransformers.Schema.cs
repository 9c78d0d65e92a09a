namespace RomApi.OpenApi;

/// <summary>Required fields and enums of hand-validated requests; numbers typed as numbers.</summary>
internal static partial class ApiDocumentTransformers
{
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

}
