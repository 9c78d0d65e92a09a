using System.Text.Json.Serialization;

namespace RomApi.ServiceDefaults.Errors;

/// <summary>The error envelope of API.md: <c>{"success": false, "error": {...}}</c>.</summary>
public sealed record ApiErrorResponse(ApiErrorBody Error)
{
    [JsonPropertyOrder(-1)]
    public bool Success => false;
}

public sealed record ApiErrorBody(
    string Code,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<FieldError>? Details,
    DateTimeOffset Timestamp,
    string Path,
    string Method,
    string RequestId);

public sealed record FieldError(string Field, string Message);
