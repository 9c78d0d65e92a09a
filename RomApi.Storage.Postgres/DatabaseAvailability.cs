namespace RomApi.Storage.Postgres;

/// <summary>
/// Whether this replica's database answered the last time it was asked: the "postgres" health check (the gateway probes every
/// replica each second) and every request that failed for want of the database report here. Reads served from the cache while
/// the database is away say so (<see cref="StaleHeader"/>).
/// </summary>
public sealed class DatabaseAvailability(TimeProvider time)
{
    /// <summary>The header a response served from the cache while the database is away carries, with <see cref="StaleValue"/>.</summary>
    public const string StaleHeader = "X-Cache-Status";

    public const string StaleValue = "STALE";

    private long _lastFailure;
    private long _lastAnswer;

    /// <summary>True when the database failed more recently than it last answered.</summary>
    public bool IsAway => Interlocked.Read(ref _lastFailure) > Interlocked.Read(ref _lastAnswer);

    public void Answered() => Interlocked.Exchange(ref _lastAnswer, time.GetTimestamp());

    public void Failed() => Interlocked.Exchange(ref _lastFailure, time.GetTimestamp());
}
