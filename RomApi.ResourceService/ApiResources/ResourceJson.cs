using Microsoft.AspNetCore.Http.Json;

namespace RomApi.ResourceService.ApiResources;

/// <summary>Serializes resources exactly as the HTTP responses do (camelCase, UPPER_CASE enums), for the cache and the change feed.</summary>
public sealed class ResourceJson(IOptions<JsonOptions> options)
{
    public JsonSerializerOptions Options { get; } = options.Value.SerializerOptions;

    public byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);
}
