namespace RomApi.Gateway.Downstream;

/// <summary>GETs /health of every replica of one service; Healthy only when all of them answer 200.</summary>
public sealed class DownstreamHealthCheck(
    string serviceName,
    IReadOnlyList<Uri> replicas,
    IHttpClientFactory httpClientFactory,
    IOptions<DownstreamHealthOptions> options) : IHealthCheck
{
    public const string HttpClientName = "downstream-health";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (replicas.Count == 0)
        {
            return HealthCheckResult.Unhealthy($"No replica of {serviceName} is configured (services:{serviceName}:http).",
                data: new Dictionary<string, object> { ["replicas"] = 0 });
        }

        var client = httpClientFactory.CreateClient(HttpClientName);
        var outcomes = await Task.WhenAll(replicas.Select(replica => ProbeAsync(client, replica, cancellationToken)));
        var failing = outcomes.Where(outcome => outcome.Status != 200).ToList();
        var data = new Dictionary<string, object>
        {
            ["replicas"] = replicas.Count,
            ["healthy"] = replicas.Count - failing.Count,
        };
        if (failing.Count == 0)
        {
            return HealthCheckResult.Healthy($"All {replicas.Count} replicas of {serviceName} are healthy.", data);
        }
        data["failing"] = failing.Select(outcome => $"{outcome.Replica} ({outcome.Reason})").ToArray();
        return HealthCheckResult.Unhealthy($"{failing.Count} of {replicas.Count} replicas of {serviceName} are not healthy.", data: data);
    }

    private async Task<ProbeOutcome> ProbeAsync(HttpClient client, Uri replica, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.ProbeTimeout);
        try
        {
            using var response = await client.GetAsync(new Uri(replica, "/health"), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return new ProbeOutcome(replica, (int)response.StatusCode, $"status {(int)response.StatusCode}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ProbeOutcome(replica, 0, $"no answer within {options.Value.ProbeTimeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException exception)
        {
            return new ProbeOutcome(replica, 0, exception.HttpRequestError.ToString());
        }
    }

    private sealed record ProbeOutcome(Uri Replica, int Status, string Reason);
}
