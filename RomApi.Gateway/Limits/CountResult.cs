namespace RomApi.Gateway.Limits;

/// <summary>
/// The outcome of counting one request: <see cref="RejectedBy"/> is null when it passed. Counts and resets are per counter,
/// in the order given; a rejected request counts nowhere.
/// </summary>
public sealed record CountResult(Counter? RejectedBy, IReadOnlyList<long> Counts, IReadOnlyList<TimeSpan> ResetsIn, bool Distributed);
