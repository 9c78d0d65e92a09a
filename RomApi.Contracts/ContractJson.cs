using System.Text.Json;
using System.Text.Json.Serialization;
using RomApi.Contracts.Changes;
using RomApi.Contracts.Resources;

namespace RomApi.Contracts;

/// <summary>
/// The JSON both ends of a contract use: the web defaults (camelCase, case-insensitive reads) with UPPER_CASE enumerations, as
/// the public API writes them. The resource service writes the outbox's snapshots with it and the search service reads the feed
/// with it; the contract types are source-generated (no reflection on the feed's hot path).
/// </summary>
public static class ContractJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = ContractJsonContext.Default,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper, allowIntegerValues: false));
        options.MakeReadOnly();
        return options;
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ResourceSnapshot))]
[JsonSerializable(typeof(ChangeFeedPage<ResourceSnapshot>))]
[JsonSerializable(typeof(ChangeFeedPage<SerializedSnapshot>))]
internal sealed partial class ContractJsonContext : JsonSerializerContext;
