using k8s;

namespace RomApi.Tests.Deploy;

/// <summary>
/// deploy/ rendered as an operator renders it: a copy of the folder, the secret files written by deploy/secrets.sh with fresh
/// random values, then <c>kubectl kustomize</c> on the base and on the production overlay. Every object is parsed with the
/// Kubernetes client's models in strict mode (an unknown or misplaced field fails).
/// </summary>
public sealed class DeployRender : IAsyncLifetime
{
    public static readonly string RepositoryRoot = FindRepositoryRoot();
    public static readonly string DeployFolder = Path.Combine(RepositoryRoot, "deploy");

    private readonly string _copy = Path.Combine(Path.GetTempPath(), $"romapi-deploy-{Guid.NewGuid():N}");

    public RenderedVariant Base { get; private set; } = null!;
    public RenderedVariant Production { get; private set; } = null!;

    /// <summary>Every value secrets.sh wrote (KEY=VALUE per resource): the credentials no ConfigMap may hold.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> SecretFiles { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        CopyFolder(DeployFolder, _copy);
        await RunAsync("bash", [Path.Combine(_copy, "secrets.sh"), "--generate", Path.Combine(_copy, "base")]);
        SecretFiles = Directory.GetDirectories(Path.Combine(_copy, "base")).ToDictionary(
            folder => Path.GetFileName(folder),
            folder => (IReadOnlyDictionary<string, string>)File.ReadAllLines(Path.Combine(folder, $".{Path.GetFileName(folder)}.secrets"))
                .Select(line => line.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]));
        Base = RenderedVariant.Parse("base", await RunAsync("kubectl", ["kustomize", Path.Combine(_copy, "base")]));
        Production = RenderedVariant.Parse("production", await RunAsync("kubectl", ["kustomize", Path.Combine(_copy, "overlays", "production")]));
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_copy, recursive: true);
        return Task.CompletedTask;
    }

    public IEnumerable<RenderedVariant> Variants => [Base, Production];

    private static async Task<string> RunAsync(string program, string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException($"{program} is not installed (.ci/run installs kubectl): {exception.Message}", exception);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} failed: {await error}");
            return await output;
        }
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            // Secret files an operator left in the working tree are not the test's.
            if (!file.EndsWith(".secrets", StringComparison.Ordinal))
            {
                File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
            }
        }
        foreach (var folder in Directory.GetDirectories(from))
        {
            CopyFolder(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "RomApi.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("RomApi.sln not found above the test output.");
    }
}

/// <summary>One render: its YAML and its objects as the Kubernetes client's models.</summary>
public sealed record RenderedVariant(string Name, string Yaml, IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects)
{
    public static RenderedVariant Parse(string name, string yaml) =>
        new(name, yaml, KubernetesYaml.LoadAllFromString(yaml, strict: true).Cast<IKubernetesObject<V1ObjectMeta>>().ToList());

    public IEnumerable<T> All<T>() => Objects.OfType<T>();

    public T One<T>(string objectName) where T : IKubernetesObject<V1ObjectMeta> =>
        Objects.OfType<T>().SingleOrDefault(o => o.Metadata.Name == objectName) ?? throw new InvalidOperationException($"{Name}: no {typeof(T).Name} {objectName}");

    /// <summary>The pod templates of the Deployments and StatefulSets, by workload name.</summary>
    public IEnumerable<(string Workload, V1PodTemplateSpec Template)> Workloads =>
        All<V1Deployment>().Select(d => (d.Metadata.Name, d.Spec.Template))
            .Concat(All<V1StatefulSet>().Select(s => (s.Metadata.Name, s.Spec.Template)));

    /// <summary>The environment a container gets: its ConfigMaps and Secrets (envFrom) resolved, then its own env entries.</summary>
    public Dictionary<string, string> EnvironmentOf(V1Container container)
    {
        var environment = new Dictionary<string, string>();
        foreach (var source in container.EnvFrom ?? [])
        {
            var data = source.ConfigMapRef is { } configMap ? One<V1ConfigMap>(configMap.Name).Data
                : One<V1Secret>(source.SecretRef.Name) is var secret && secret.Data is { } bytes
                    ? bytes.ToDictionary(pair => pair.Key, pair => System.Text.Encoding.UTF8.GetString(pair.Value))
                    : secret.StringData;
            foreach (var (key, value) in data ?? new Dictionary<string, string>())
            {
                environment[key] = value;
            }
        }
        foreach (var variable in container.Env ?? [])
        {
            environment[variable.Name] = variable.Value;
        }
        return environment;
    }
}
