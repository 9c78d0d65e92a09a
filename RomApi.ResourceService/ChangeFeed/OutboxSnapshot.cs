using RomApi.Contracts;
using RomApi.Contracts.Resources;
using RomApi.ResourceService.ApiResources;
using System.Text.Json;

namespace RomApi.ResourceService.ChangeFeed;

/// <summary>
/// What a write puts in the outbox's <c>resource</c> column: the resource's <see cref="ResourceSnapshot"/>, serialized once with the
/// contract's options; the feed hands that text on as is and the search service reads it back into the same type.
/// </summary>
public static class OutboxSnapshot
{
    public static string Serialize(ApiResourceDto resource) => JsonSerializer.Serialize(resource.ToSnapshot(), ContractJson.Options);
}
