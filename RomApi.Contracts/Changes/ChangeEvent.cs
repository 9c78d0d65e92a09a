namespace RomApi.Contracts.Changes;

/// <summary>
/// One event of the resource service's change feed (<c>GET /internal/changes</c>): what happened to which resource, in feed order.
/// <see cref="Resource"/> is the resource after the change, null for <see cref="ChangeType.Deleted"/>. A reader asks for
/// <c>ChangeEvent&lt;ApiResourceDto&gt;</c>; the resource service writes <c>ChangeEvent&lt;SerializedSnapshot&gt;</c>, the snapshot as
/// it was serialized once into the outbox, so the feed never parses or re-serializes it.
/// </summary>
public sealed record ChangeEvent<TResource>(long Sequence, ChangeType Type, Guid ResourceId, DateTimeOffset OccurredAt, TResource? Resource)
    where TResource : class;

/// <summary>What a change did; UPPER_CASE on the wire ("CREATED").</summary>
public enum ChangeType { Created, Updated, Deleted, Published, Suspended, Verified }

/// <summary>The feed page's meta: the last returned sequence, or the asked-for <c>after</c> when the page is empty.</summary>
public sealed record ChangeFeedMeta(long LastSequence);

/// <summary>The body of <c>GET /internal/changes</c> as a reader needs it (the envelope's <c>success</c> and <c>timestamp</c> left out).</summary>
public sealed record ChangeFeedPage<TResource>(IReadOnlyList<ChangeEvent<TResource>> Data, ChangeFeedMeta Meta) where TResource : class;

/// <summary>The body of <c>GET /internal/changes/head</c>: the newest sequence in the feed (0 when empty), where a reader that
/// only needs what changes from now on (the gateway's response cache) starts.</summary>
public sealed record ChangeFeedHead(long LastSequence);

/// <summary>A snapshot already serialized with <see cref="ContractJson.Options"/> (the outbox's text), written to JSON as is.</summary>
[JsonConverter(typeof(SerializedSnapshotConverter))]
public sealed record SerializedSnapshot(string Json);

/// <summary>Where the feed is and how it announces itself.</summary>
public static class ChangeFeedEndpoint
{
    /// <summary>The resource service's endpoint (service token only; not routed by the gateway).</summary>
    public const string Path = "/internal/changes";

    /// <summary>The feed's newest sequence (<see cref="ChangeFeedHead"/>); service token only.</summary>
    public const string HeadPath = Path + "/head";

    /// <summary>The Redis pub/sub channel that carries the newest sequence: a wake-up only, the feed is the truth.</summary>
    public const string RedisChannel = "romapi:changes";

    /// <summary>Events per page at most.</summary>
    public const int MaxLimit = 1000;
}
