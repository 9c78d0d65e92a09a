// Also compiled into the benchmarks (bench/*/GatewayBench, AnalyticsBench), which do not have the tests' global usings.
using System.Globalization;
using System.Text;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace RomApi.Tests.Infrastructure;

/// <summary>One running instance of a resource as Aspire reports it.</summary>
public sealed record ReplicaView(string ResourceId, string? State, string? Health, int? ProcessId, Uri? HttpAddress);

/// <summary>What a test reads of a running system through Aspire's own services: replicas, their processes, their console.</summary>
public static class ResourceInspection
{
    /// <summary>
    /// Waits until every resource of the model (each replica) is healthy. A process that exits on the way is started again by the
    /// AppHost (ExitedProcessRestarter), as on a developer's machine, so the wait goes on through it; a resource still not healthy
    /// when <paramref name="cancellationToken"/> ends is reported with its state, exit code and last console lines, so a failed
    /// start on a CI machine can be read from the test output alone.
    /// </summary>
    public static async Task WaitForAllHealthyAsync(this DistributedApplication app, CancellationToken cancellationToken)
    {
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var waits = model.Resources
            .Where(resource => resource is not ParameterResource && !resource.Name.EndsWith("-rebuilder", StringComparison.Ordinal))
            .Select(resource => WaitForHealthyAsync(app, resource.Name, cancellationToken));
        await Task.WhenAll(waits);
    }

    private static async Task WaitForHealthyAsync(DistributedApplication app, string resource, CancellationToken cancellationToken)
    {
        try
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, WaitBehavior.WaitOnResourceUnavailable, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var report = new StringBuilder($"'{resource}' did not become healthy in time.");
            foreach (var replica in await app.ReplicasAsync(resource))
            {
                var exitCode = app.ResourceNotifications.TryGetCurrentState(replica.ResourceId, out var current) ? current.Snapshot.ExitCode : null;
                report.Append(CultureInfo.InvariantCulture,
                    $"\n{replica.ResourceId}: state {replica.State ?? "unknown"}, health {replica.Health ?? "unknown"}, exit code {exitCode?.ToString(CultureInfo.InvariantCulture) ?? "none"}; its last lines:");
                foreach (var line in (await app.ReplicaLogLinesAsync(replica.ResourceId)).TakeLast(ReportedLines))
                {
                    report.Append("\n  ").Append(line.Content);
                }
            }
            throw new TimeoutException(report.ToString());
        }
    }

    private const int ReportedLines = 60;

    /// <summary>The replicas of a resource, in a stable order (by resource id).</summary>
    public static async Task<IReadOnlyList<ReplicaView>> ReplicasAsync(this DistributedApplication app, string resource)
    {
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var target = model.Resources.Single(r => r.Name == resource);
        var ids = await InstanceIdsAsync(app, target);
        return [.. ids.Order(StringComparer.Ordinal).Select(id => View(app, id))];
    }

    /// <summary>
    /// The ids DCP gave a resource's instances (one per replica). Aspire keeps them to itself; a new watcher of the notification
    /// service is told the current state of every instance first, ids included.
    /// </summary>
    private static async Task<IReadOnlyList<string>> InstanceIdsAsync(DistributedApplication app, IResource resource)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        using var stop = new CancellationTokenSource();
        await using var events = app.ResourceNotifications.WatchAsync(stop.Token).GetAsyncEnumerator(stop.Token);
        try
        {
            while (true)
            {
                var next = events.MoveNextAsync().AsTask();
                if (await Task.WhenAny(next, Task.Delay(TimeSpan.FromMilliseconds(200))) != next)
                {
                    await stop.CancelAsync();
                    await next;
                }
                if (!await next)
                {
                    break;
                }
                if (ReferenceEquals(events.Current.Resource, resource))
                {
                    ids.Add(events.Current.ResourceId);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped reading once the current states were all told.
        }
        return [.. ids];
    }

    public static ReplicaView View(DistributedApplication app, string resourceId)
    {
        if (!app.ResourceNotifications.TryGetCurrentState(resourceId, out var current))
        {
            return new ReplicaView(resourceId, null, null, null, null);
        }
        var snapshot = current.Snapshot;
        var pid = snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value switch
        {
            int value => value,
            long value => (int)value,
            string text when int.TryParse(text, out var value) => value,
            _ => (int?)null,
        };
        var urls = snapshot.EnvironmentVariables.FirstOrDefault(e => e.Name == "ASPNETCORE_URLS")?.Value;
        var address = urls?.Split(';').FirstOrDefault() is { Length: > 0 } first ? new Uri(first.Replace("localhost", "127.0.0.1", StringComparison.Ordinal)) : null;
        var running = snapshot.State?.Text == KnownResourceStates.Running;
        return new ReplicaView(resourceId, snapshot.State?.Text, snapshot.HealthStatus?.ToString(), running ? pid : null, address);
    }

    /// <summary>The first console line of any replica of <paramref name="resource"/> that matches, or null within the wait.</summary>
    public static async Task<string?> FindLogLineAsync(this DistributedApplication app, string resource, Func<string, bool> match, TimeSpan wait)
    {
        // A log watch can end before the wait does (a replica's stream not open yet): ask again until the wait is over.
        var until = DateTimeOffset.UtcNow + wait;
        while (true)
        {
            var left = until - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return null;
            }
            if (await FindLogLineOnceAsync(app, resource, match, left) is { } line)
            {
                return line;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    private static async Task<string?> FindLogLineOnceAsync(DistributedApplication app, string resource, Func<string, bool> match, TimeSpan wait)
    {
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        using var timeout = new CancellationTokenSource(wait);
        var watches = (await app.ReplicasAsync(resource)).Select(async replica =>
        {
            try
            {
                await foreach (var batch in logs.WatchAsync(replica.ResourceId).WithCancellation(timeout.Token))
                {
                    if (batch.FirstOrDefault(line => match(line.Content)) is { } found)
                    {
                        return found.Content;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Not found within the wait.
            }
            return null;
        }).ToList();
        while (watches.Count > 0)
        {
            var done = await Task.WhenAny(watches);
            if (await done is { } line)
            {
                await timeout.CancelAsync();
                return line;
            }
            watches.Remove(done);
        }
        return null;
    }

    /// <summary>
    /// Every console line of a resource's first replica numbered above <paramref name="after"/>, as far as Aspire has them now
    /// (the backlog is replayed to a new watcher; reading stops once no more arrives for a moment).
    /// </summary>
    public static async Task<IReadOnlyList<LogLine>> LogLinesAsync(this DistributedApplication app, string resource, int after = 0) =>
        await app.ReplicaLogLinesAsync((await app.ReplicasAsync(resource))[0].ResourceId, after);

    /// <summary>Every console line of one replica (by resource id) numbered above <paramref name="after"/>, as far as Aspire has them now.</summary>
    public static async Task<IReadOnlyList<LogLine>> ReplicaLogLinesAsync(this DistributedApplication app, string resourceId, int after = 0)
    {
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        var lines = new List<LogLine>();
        using var stop = new CancellationTokenSource();
        await using var batches = logs.WatchAsync(resourceId).GetAsyncEnumerator(stop.Token);
        while (true)
        {
            var next = batches.MoveNextAsync().AsTask();
            if (await Task.WhenAny(next, Task.Delay(TimeSpan.FromMilliseconds(500))) != next)
            {
                await stop.CancelAsync();
                try
                {
                    await next;
                }
                catch (OperationCanceledException)
                {
                    // Stopped reading on purpose.
                }
                return lines;
            }
            if (!await next)
            {
                return lines;
            }
            lines.AddRange(batches.Current.Where(line => line.LineNumber > after));
        }
    }
}
