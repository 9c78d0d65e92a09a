using RomApi.Contracts.Changes;
using RomApi.Contracts.Resources;

namespace RomApi.Contracts;

/// <summary>
/// The JSON both ends of a contract use: the web defaults (camelCase, case-insensitive reads) with UPPER_CASE enumerations, as
/// the public API writes them (<see cref="WireNames"/>). The contract types are source-generated (no reflection on the feed's hot
/// path).
/// </summary>
public static class ContractJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>
    /// A resource's JSON, written once per write: the API answers with these bytes, the cache keeps them and the outbox carries
    /// them as text to the change feed. The same bytes the API's own JSON options would write.
    /// </summary>
    public static byte[] Serialize(ApiResourceDto resource) => JsonSerializer.SerializeToUtf8Bytes(resource, Options);

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = ContractJsonContext.Default,
        };
        options.Converters.Add(WireNames.JsonConverter());
        options.MakeReadOnly();
        return options;
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ApiResourceDto))]
[JsonSerializable(typeof(ChangeFeedPage<ApiResourceDto>))]
[JsonSerializable(typeof(ChangeFeedPage<SerializedSnapshot>))]
[JsonSerializable(typeof(DataEnvelope<ApiResourceDto>))]
[JsonSerializable(typeof(DataEnvelope<ChangeFeedHead>))]
[JsonSerializable(typeof(DataEnvelope<IReadOnlyList<CategoryDto>>))]
internal sealed partial class ContractJsonContext : JsonSerializerContext;
