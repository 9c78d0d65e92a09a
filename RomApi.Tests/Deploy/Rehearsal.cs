namespace RomApi.Tests.Deploy;

/// <summary>
/// The production render played on one machine: PostgreSQL and redis-server as local processes configured from their
/// StatefulSets' environment and arguments (the arguments' $(NAME) expanded as the kubelet expands them), and the four services
/// from their build output with exactly their Deployments' environment (ConfigMaps and Secrets resolved). What changes, because
/// everything shares one host: each Service host and port becomes 127.0.0.1 and a free local port, each listening port the
/// local port of the Service in front of it, and the search engine. Elasticsearch cannot run here (no container engine, no
/// package), so ConnectionStrings__search, the one value not kept, points the search service at its embedded index.
/// </summary>
public sealed class Rehearsal(RenderedVariant render, Action<string> log) : IAsyncDisposable
{
    private readonly string _root = Path.Combine("/tmp", $"romapi-rehearsal-{Guid.NewGuid():N}");
    private readonly List<Process> _processes = [];
    private readonly Dictionary<(string Host, int Port), int> _local = [];
    private readonly RomApi.Hosting.Local.FreePorts _ports = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public void Log(string message) => log($"[{_clock.Elapsed.TotalSeconds,6:F1}s] {message}");

    /// <summary>The local port standing for a Service's port.</summary>
    public int LocalPort(string service, int port) => _local[(service, port)];

    public async Task StartAsync()
    {
        Directory.CreateDirectory(_root);
        foreach (var service in render.All<V1Service>())
        {
            foreach (var port in service.Spec.Ports)
            {
                _local[(service.Metadata.Name, port.Port)] = _ports.PortOrFree(0);
                Log($"Service {service.Metadata.Name}:{port.Port} -> 127.0.0.1:{_local[(service.Metadata.Name, port.Port)]}");
            }
        }
        await StartPostgresAsync();
        StartRedis();
        foreach (var deployment in render.All<V1Deployment>())
        {
            StartService(deployment);
        }
    }

    private async Task StartPostgresAsync()
    {
        var container = Container("postgres");
        var env = render.EnvironmentOf(container);
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Order().Last();
        var data = Path.Combine(_root, "postgres");
        Directory.CreateDirectory(data);
        var passwordFile = Path.Combine(_root, "pgpass-init");
        await File.WriteAllTextAsync(passwordFile, env["POSTGRES_PASSWORD"]);
        await RunAsync("chown", ["-R", "postgres:postgres", _root]);
        // The image's initdb: its superuser and password from POSTGRES_USER / POSTGRES_PASSWORD, its POSTGRES_INITDB_ARGS.
        await RunAsync("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", Path.Combine(bin, "initdb"), "-D", data,
            "-U", env["POSTGRES_USER"], $"--pwfile={passwordFile}", .. env["POSTGRES_INITDB_ARGS"].Split(' ')]);
        File.Delete(passwordFile);
        var port = LocalPort("postgres", container.Ports.Single().ContainerPort);
        Start("postgres", "setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", Path.Combine(bin, "postgres"), "-D", data,
            "-p", port.ToString(), "-k", data, "-c", "listen_addresses=127.0.0.1"], new Dictionary<string, string>());
    }

    private void StartRedis()
    {
        var container = Container("cache");
        var env = render.EnvironmentOf(container);
        // The StatefulSet's arguments, $(NAME) expanded from its environment as the kubelet does, then this host's port and folder.
        var args = container.Args.Select(arg => Regex.Replace(arg, @"\$\(([A-Za-z_][A-Za-z0-9_]*)\)", m => env[m.Groups[1].Value])).ToList();
        var data = Path.Combine(_root, "cache");
        Directory.CreateDirectory(data);
        Start("cache", "redis-server", [.. args, "--port", LocalPort("cache", container.Ports.Single().ContainerPort).ToString(), "--bind", "127.0.0.1", "--dir", data], env);
    }

    private void StartService(V1Deployment deployment)
    {
        var name = deployment.Metadata.Name;
        var container = deployment.Spec.Template.Spec.Containers.Single();
        var env = render.EnvironmentOf(container).ToDictionary(pair => pair.Key, pair => MapAddresses(pair.Value));
        // Listening ports: a pod's container port is the local port of the Service that targets it.
        foreach (var key in (string[])["ASPNETCORE_URLS", "HTTP_PORTS", "Management__Port"])
        {
            if (env.TryGetValue(key, out var value))
            {
                env[key] = Regex.Replace(value, @"(?<=^|:|;)(\d+)(?=;|$)", m => ListeningPort(deployment, int.Parse(m.Value)).ToString())
                    .Replace("http://+:", "http://127.0.0.1:", StringComparison.Ordinal);
            }
        }
        if (env.ContainsKey("ConnectionStrings__search"))
        {
            var index = Path.Combine(_root, "search-index");
            env["ConnectionStrings__search"] = $"Engine=Lucene;Directory={index}";
            Log($"{name}: ConnectionStrings__search -> embedded index (no Elasticsearch on this machine)");
        }
        var assembly = ServiceAssembly(name);
        Log($"{name}: {Path.GetFileName(assembly)} with {env.Count} variables: {string.Join(", ", env.Keys.Order())}");
        Start(name, "dotnet", [assembly], env);
    }

    /// <summary>Service host names and ports in a value (URLs, host:port, Host=...;Port=...) become this machine's.</summary>
    private string MapAddresses(string value)
    {
        foreach (var ((host, port), local) in _local)
        {
            value = Regex.Replace(value, $@"(?<=^|//|@){Regex.Escape(host)}:{port}(?=$|[/,;])", $"127.0.0.1:{local}");
            value = value.Replace($"Host={host};Port={port}", $"Host=127.0.0.1;Port={local}", StringComparison.Ordinal);
        }
        return value;
    }

    private int ListeningPort(V1Deployment deployment, int containerPort)
    {
        var service = render.All<V1Service>().First(s => s.Spec.Selector.All(l => deployment.Spec.Template.Metadata.Labels.TryGetValue(l.Key, out var v) && v == l.Value) &&
            s.Spec.Ports.Any(p => p.TargetPort.Value == containerPort.ToString()));
        return LocalPort(service.Metadata.Name, service.Spec.Ports.First(p => p.TargetPort.Value == containerPort.ToString()).Port);
    }

    private V1Container Container(string statefulSet) => render.One<V1StatefulSet>(statefulSet).Spec.Template.Spec.Containers.Single();

    /// <summary>The service's own build output (built with the tests, which reference the four projects).</summary>
    private static string ServiceAssembly(string deployment)
    {
        var project = deployment switch
        {
            "gateway" => "Gateway",
            "resourceservice" => "ResourceService",
            "searchservice" => "SearchService",
            "analyticsservice" => "AnalyticsService",
            _ => throw new InvalidOperationException($"no project for {deployment}"),
        };
        var output = new DirectoryInfo(AppContext.BaseDirectory);
        var path = Path.Combine(DeployRender.RepositoryRoot, $"RomApi.{project}", "bin", output.Parent!.Name, output.Name, $"RomApi.{project}.dll");
        Assert.True(File.Exists(path), $"{path} is missing: build the solution first");
        return path;
    }

    /// <summary>Starts a process with only the given environment (plus PATH, HOME and a temp folder, which an image provides).</summary>
    private void Start(string name, string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _root };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment.Clear();
        info.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH");
        info.Environment["HOME"] = Path.Combine(_root, "home-" + name);
        info.Environment["TMPDIR"] = Path.Combine(_root, "tmp-" + name);
        Directory.CreateDirectory(info.Environment["HOME"]!);
        Directory.CreateDirectory(info.Environment["TMPDIR"]!);
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }
        var process = Process.Start(info)!;
        var tail = new Queue<string>();
        process.OutputDataReceived += (_, line) => Keep(tail, line.Data);
        process.ErrorDataReceived += (_, line) => Keep(tail, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
        _tails[name] = tail;
        Log($"{name}: started, pid {process.Id}");
    }

    private readonly Dictionary<string, Queue<string>> _tails = [];

    private static void Keep(Queue<string> tail, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (tail)
        {
            tail.Enqueue(line);
            while (tail.Count > 30)
            {
                tail.Dequeue();
            }
        }
    }

    /// <summary>The last lines a process wrote, for a failure message.</summary>
    public string TailOf(string name)
    {
        var tail = _tails[name];
        lock (tail)
        {
            return string.Join("\n", tail);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_processes))
        {
            if (!process.HasExited)
            {
                Processes.Terminate(process.Id);
            }
        }
        foreach (var process in _processes)
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
            process.Dispose();
        }
        Directory.Delete(_root, recursive: true);
    }

    private static async Task RunAsync(string program, string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/tmp" };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)}: {await output}{await error}");
    }
}
