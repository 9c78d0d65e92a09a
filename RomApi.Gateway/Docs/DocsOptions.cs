namespace RomApi.Gateway.Docs;

/// <summary>Settings of /docs (section "Docs").</summary>
public sealed class DocsOptions
{
    /// <summary>How long a fetched OpenAPI document is served before it is fetched again (a failed refetch keeps the old copy).</summary>
    public TimeSpan RefreshAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one fetch of a service's document may take.</summary>
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Pause between start-up checks that every service is healthy, and between attempts to build the complete document.</summary>
    public TimeSpan WarmupRetry { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Start-up attempts before the warm-up leaves a missing service to the requests (each of which asks it again).</summary>
    public int WarmupAttempts { get; set; } = 120;
}
