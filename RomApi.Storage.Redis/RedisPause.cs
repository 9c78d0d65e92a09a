namespace RomApi.Storage.Redis;

/// <summary>
/// After Redis failed or did not answer in time, a caller leaves it alone for a while and uses its fallback: a hung Redis (port
/// open, nothing answering) then costs one timeout per pause, not one per request.
/// </summary>
public sealed class RedisPause(TimeProvider time)
{
    private long _until;

    public bool Active => time.GetTimestamp() < Volatile.Read(ref _until);

    public void Begin(TimeSpan length) =>
        Volatile.Write(ref _until, time.GetTimestamp() + (long)(length.TotalSeconds * time.TimestampFrequency));
}
