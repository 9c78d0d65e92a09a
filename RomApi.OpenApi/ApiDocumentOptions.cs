namespace RomApi.OpenApi;

/// <summary>
/// What a service says about itself in its OpenAPI document beyond what the endpoints carry: title, description, tag
/// descriptions, and the request shapes whose required fields and enums are checked by hand-written validation (so the
/// generator cannot see them). What is plain text (title, description, tags, fixed query values) is configuration, the
/// service's appsettings.json section <see cref="SectionName"/>, as in eShop; what follows from types is set in code.
/// </summary>
public sealed class ApiDocumentOptions
{
    public const string SectionName = "OpenApi:Document";

    public string Title { get; set; } = "ROMAPI";
    public string Description { get; set; } = "";
    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);
    public Dictionary<Type, SchemaRule> Schemas { get; } = new()
    {
        // The envelopes: meta and details are present only when there is something to say.
        [typeof(ServiceDefaults.Envelopes.ApiResponse<>)] = new(["success", "data", "timestamp"], []),
        [typeof(ServiceDefaults.Errors.ApiErrorResponse)] = new(["success", "error"], []),
        [typeof(ServiceDefaults.Errors.ApiErrorBody)] = new(["code", "message", "timestamp", "path", "method", "requestId"], []),
    };

    /// <summary>Allowed values of query parameters, by name ("sort") or by operation and name ("Search.sort", which wins).</summary>
    public Dictionary<string, string[]> QueryEnums { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// JSON types of query parameters that an endpoint reads as text to answer a bad value itself ("lat" -> "number"):
    /// clients should still send numbers and booleans. "integer", "number", "boolean" or "date-time" (an ISO-8601 string: the
    /// fuzz harness sends every such parameter its boundary values).
    /// </summary>
    public Dictionary<string, string> QueryTypes { get; } = new(StringComparer.Ordinal);

    /// <summary>Required properties (camelCase) and allowed values of <typeparamref name="T"/>'s schema.</summary>
    public ApiDocumentOptions Schema<T>(string[] required, Dictionary<string, string[]>? enums = null)
    {
        Schemas[typeof(T)] = new SchemaRule(required, enums ?? []);
        return this;
    }

    /// <summary>The UPPER_CASE names of an enum, as they travel in JSON.</summary>
    public static string[] Names<TEnum>() where TEnum : struct, Enum => RomApi.Contracts.WireNames.All<TEnum>();
}

public sealed record SchemaRule(string[] Required, Dictionary<string, string[]> Enums);
