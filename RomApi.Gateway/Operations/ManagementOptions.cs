namespace RomApi.Gateway.Operations;

/// <summary>
/// The gateway's management endpoint (configuration section "Management"). Requests that arrive on its port may read /metrics
/// and the detailed /health, which the public port serves only to admins. Keep it off the public network (a separate Kubernetes
/// Service, no ingress). Either give the gateway a second URL of its own (<see cref="Url"/>) or name the port (<see cref="Port"/>):
/// the gateway listens there too unless the host already does (an Aspire endpoint named "management").
/// </summary>
public sealed class ManagementOptions
{
    public const string SectionName = "Management";

    /// <summary>An extra URL the gateway listens on for operators, e.g. http://0.0.0.0:8081.</summary>
    public string? Url { get; set; }

    /// <summary>The local port of the management endpoint (defaults to the port of <see cref="Url"/>); unset and without a URL there is none.</summary>
    public int? Port { get; set; }

    public int? EffectivePort => Port ?? (Url is { Length: > 0 } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Port : null);
}
