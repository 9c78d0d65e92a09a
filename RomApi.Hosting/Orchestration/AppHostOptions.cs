namespace RomApi.Hosting.Orchestration;

/// <summary>Run-mode settings, bound from the <c>AppHost</c> configuration section (environment <c>AppHost__*</c>).</summary>
public sealed class AppHostOptions
{
    public const string SectionName = "AppHost";

    /// <summary>Where PostgreSQL, Redis, the search index, generated secrets and the process registry live. Default: see <see cref="DataDirectory.ResolveDefault"/>.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>The dashboard's local port; 0 picks a free one.</summary>
    public int DashboardPort { get; set; } = 18888;

    /// <summary>The folder holding postgres and initdb; found automatically when empty.</summary>
    public string? PostgresBinDirectory { get; set; }

    /// <summary>Environment name given to the services.</summary>
    public string ServiceEnvironment { get; set; } = "Development";

    /// <summary>How often the health of every replica is probed.</summary>
    public TimeSpan HealthProbeInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a stopping process gets after SIGTERM before it is killed.</summary>
    public TimeSpan StopGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Restart a process that exits on its own. Fault tests turn it off so that a replica they kill stays down.</summary>
    public bool RestartExitedProcesses { get; set; } = true;

    /// <summary>Lines of console output kept per resource for the dashboard.</summary>
    public int LogLinesPerResource { get; set; } = 2000;

    /// <summary>Also print every resource's console output on the AppHost's own console.</summary>
    public bool EchoResourceLogs { get; set; }
}
