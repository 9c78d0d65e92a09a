using RomApi.ResourceService.Data;
using System.Text.Json;

namespace RomApi.ResourceService.ChangeFeed;

/// <summary>One change-feed event; <see cref="Resource"/> is the full snapshot after the change, null for DELETED.</summary>
public sealed record ChangeDto(long Sequence, ChangeType Type, Guid ResourceId, DateTimeOffset OccurredAt, JsonElement? Resource);

public sealed record ChangesMeta(long LastSequence);
