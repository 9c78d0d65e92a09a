namespace RomApi.Gateway.Limits;

/// <summary>
/// One counter to check and count: at most <paramref name="Limit"/> hits per window. The window starts with the first hit and
/// lasts <paramref name="Window"/> (a fixed window per caller, not aligned to the clock, so no burst at a shared minute boundary).
/// </summary>
public sealed record Counter(string Scope, string Key, long Limit, TimeSpan Window);

/// <summary>
/// The outcome of counting one request: <see cref="RejectedBy"/> is null when it passed. Counts and resets are per counter,
/// in the order given; a rejected request counts nowhere.
/// </summary>
public sealed record CountResult(Counter? RejectedBy, IReadOnlyList<long> Counts, IReadOnlyList<TimeSpan> ResetsIn, bool Distributed);
