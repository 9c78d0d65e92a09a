namespace RomApi.AnalyticsService.EventWriting;

/// <summary>Ingestion limits and the write pipeline (configuration section "Ingestion").</summary>
public sealed class IngestionOptions
{
    public const string SectionName = "Ingestion";

    /// <summary>Events per request; more is 413.</summary>
    public int MaxEventsPerRequest { get; set; } = 1000;

    /// <summary>Serialized metadata per event, in UTF-8 bytes.</summary>
    public int MaxMetadataBytes { get; set; } = 4096;

    /// <summary>Events held in memory before the database has them; past it requests get 503 with Retry-After.</summary>
    public int BufferCapacity { get; set; } = 200_000;

    /// <summary>Events per COPY transaction (several requests are written together).</summary>
    public int MaxWriteBatch { get; set; } = 5000;

    /// <summary>
    /// How long a writer holding fewer than <see cref="MaxWriteBatch"/> events waits for more before writing them: fewer, larger
    /// transactions for that much latency. Zero (the default) writes at once; shutdown writes at once whatever the delay.
    /// </summary>
    public TimeSpan MaxBatchDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Concurrent writers (each one connection).</summary>
    public int Writers { get; set; } = 2;

    /// <summary>Seconds a client is told to wait when the buffer is full.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>How far ahead of the server clock createdAt may be (client clocks drift).</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far back createdAt may go; older events are refused (their partition may be gone or about to go).</summary>
    public TimeSpan MaxEventAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// One VIEW is counted per client, resource and window of this length (aligned to the UTC epoch, so one hour = UTC hours);
    /// further VIEWs of the same client in the window are skipped. Between one minute and one day.
    /// </summary>
    public TimeSpan ViewWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a client-chosen event id is remembered; a retry later than this counts again.</summary>
    public TimeSpan IdempotencyWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>On shutdown, how long the writers keep flushing what is buffered.</summary>
    public TimeSpan ShutdownDrainTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
