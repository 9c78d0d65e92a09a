using System.Text.Json.Serialization;

namespace RomApi.ServiceDefaults.Envelopes;

/// <summary>The success envelope of API.md: <c>{"success": true, "data": ..., "meta": {...}?, "timestamp": "..."}</c>.</summary>
public sealed record ApiResponse<T>(
    T Data,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] object? Meta,
    DateTimeOffset Timestamp)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;
}

/// <summary>Paging metadata of list responses.</summary>
public sealed record PageMeta(long Total, int Limit, int Offset);
