using Garnet;
using Microsoft.Extensions.Logging;
using RomApi.Hosting.ApplicationModel;
using StackExchange.Redis;
using System.Globalization;

namespace RomApi.Hosting.Orchestration;

/// <summary>Redis: redis-server when it is installed, else a Garnet server embedded in the AppHost. Same connection string either way.</summary>
internal sealed partial class RedisRunner(RedisResource resource, ResourceState state, RunContext context) : IInfrastructureRunner
{
    private ManagedProcess? _process;
    private GarnetServer? _garnet;
    private ConnectionMultiplexer? _probe;

    internal static string? FindRedisServer() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin").Append("/usr/sbin")
            .Select(dir => Path.Combine(dir, "redis-server"))
            .FirstOrDefault(File.Exists);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var port = resource.AllocatedPort!.Value.ToString(CultureInfo.InvariantCulture);
        var password = await resource.Password.GetValueAsync(cancellationToken) ?? "";
        var folder = context.Data.For("redis", resource.DataVolumeName ?? resource.Name);
        Directory.CreateDirectory(folder);
        state.Set(ResourceStateNames.Starting, endpoints: [$"tcp://127.0.0.1:{port}"]);

        if (FindRedisServer() is { } redisServer)
        {
            // The password goes in a private config file, not on the command line where ps would show it.
            var config = Path.Combine(folder, "redis.conf");
            await File.WriteAllLinesAsync(config,
            [
                "bind 127.0.0.1",
                $"port {port}",
                $"requirepass {password}",
                $"dir {folder}",
                "daemonize no",
                resource.DataVolumeName is null ? "save \"\"" : "save 60 1000",
                "appendonly no",
            ], cancellationToken);
            UnixFiles.MakePrivate(config);
            _process = context.CreateProcess(state, 0, new ProcessSpec(redisServer, [config], new Dictionary<string, string>(), folder), restartOnExit: true);
            await _process.StartAsync();
            state.Set(message: "redis-server");
        }
        else
        {
            LogUsingGarnet(context.Logger);
            _garnet = new GarnetServer(["--port", port, "--bind", "127.0.0.1", "--lua", "true", "--auth", "Password", "--password", password, "--quiet"],
                context.LoggerFactory);
            _garnet.Start();
            state.UpdateReplica(0, r => { r.State = ResourceStateNames.Running; r.ProcessId = Environment.ProcessId; r.StartedAt = context.Time.GetUtcNow(); });
            state.Logs.Append(context.Time.GetUtcNow(), resource.Name, false, $"[apphost] embedded Garnet listening on 127.0.0.1:{port} (redis-server not found on PATH)");
            state.Set(message: "embedded Garnet");
        }

        var deadline = context.Time.GetUtcNow().AddSeconds(30);
        while (!await ProbeAsync(cancellationToken))
        {
            if (context.Time.GetUtcNow() > deadline)
            {
                throw new DistributedApplicationException($"Redis did not answer on port {port} within 30 s; see its console log in the dashboard.");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), context.Time, cancellationToken);
        }
        state.Set(ResourceStateNames.Running, HealthStateNames.Healthy);
    }

    public async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_probe is null)
            {
                var options = ConfigurationOptions.Parse(await resource.ConnectionStringExpression.GetValueAsync(cancellationToken) ?? "");
                options.AbortOnConnectFail = false;
                options.ConnectTimeout = 1000;
                _probe = await ConnectionMultiplexer.ConnectAsync(options);
            }
            await _probe.GetDatabase().PingAsync();
            return true;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            return false;
        }
    }

    public async Task StopAsync()
    {
        if (_probe is not null)
        {
            await _probe.DisposeAsync();
        }
        if (_process is not null)
        {
            await _process.StopAsync(context.Options.StopGracePeriod);
        }
        _garnet?.Dispose();
        if (_garnet is not null)
        {
            state.UpdateReplica(0, r => { r.State = ResourceStateNames.Stopped; r.ProcessId = null; });
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "redis-server is not installed; using an embedded Garnet server")]
    private static partial void LogUsingGarnet(ILogger logger);
}
