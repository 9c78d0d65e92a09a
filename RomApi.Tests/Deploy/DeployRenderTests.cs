using k8s;
using ServiceDefaultsPaths = Microsoft.Extensions.Hosting.Extensions;
using System.Security.Cryptography;

namespace RomApi.Tests.Deploy;

public sealed class DeployRenderTests(DeployRender render, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<DeployRender>
{
    private static readonly string[] Services = ["gateway", "resourceservice", "searchservice", "analyticsservice"];

    [Fact]
    public void Both_variants_render_and_every_object_parses_strictly()
    {
        foreach (var variant in render.Variants)
        {
            output.WriteLine($"{variant.Name}: {variant.Objects.Count} objects");
            foreach (var group in variant.Objects.GroupBy(o => o.Kind).OrderBy(g => g.Key))
            {
                output.WriteLine($"  {group.Key,-24} {string.Join(", ", group.Select(o => o.Metadata.Name).Order())}");
            }
            Assert.Equal(Services.Length, variant.All<V1Deployment>().Count());
            Assert.Equal(3, variant.All<V1StatefulSet>().Count());
            // A Secret reference written under ports: (Aspirate's template for a container with no plain variable) would not parse.
            Assert.All(variant.Workloads, workload => Assert.All(workload.Template.Spec.Containers,
                container => Assert.Contains(container.EnvFrom, source => source.ConfigMapRef is not null)));
        }
    }

    [Fact]
    public async Task The_base_was_generated_from_the_committed_manifest()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(DeployRender.DeployFolder, "README.md"));
        var recorded = Regex.Match(readme, @"^manifest-sha256: ([0-9a-f]{64})$", RegexOptions.Multiline).Groups[1].Value;
        var current = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(DeployRender.RepositoryRoot, "aspire-manifest.json"))));

        Assert.True(recorded == current,
            $"aspire-manifest.json changed after deploy/base was generated (recorded {recorded}, now {current}): regenerate the base as deploy/README.md says and record the new hash.");
    }

    [Fact]
    public void No_credential_is_outside_a_Secret_in_any_variant()
    {
        var credentials = Credentials();
        Assert.Equal(5, credentials.Count);
        foreach (var variant in render.Variants)
        {
            foreach (var item in variant.Objects.Where(o => o is not V1Secret))
            {
                var text = KubernetesYaml.Serialize(item);
                var leaked = credentials.Where(pair => text.Contains(pair.Value, StringComparison.Ordinal)).Select(pair => pair.Key).ToList();
                if (item is V1ConfigMap configMap)
                {
                    output.WriteLine($"{variant.Name}: ConfigMap {configMap.Metadata.Name}: {configMap.Data?.Count ?? 0} keys, credentials found: {(leaked.Count == 0 ? "none" : string.Join(", ", leaked))}");
                    Assert.DoesNotContain(configMap.Data?.Keys ?? [], key => key.StartsWith("ConnectionStrings", StringComparison.Ordinal) || key.Contains("PASSWORD", StringComparison.OrdinalIgnoreCase));
                }
                Assert.True(leaked.Count == 0, $"{variant.Name}: {item.Kind} {item.Metadata.Name} holds {string.Join(", ", leaked)}");
            }
            // And every credential does reach the workloads, through their Secrets.
            var environments = variant.Workloads.SelectMany(w => w.Template.Spec.Containers).Select(variant.EnvironmentOf).ToList();
            Assert.All(credentials, pair => Assert.Contains(environments, env => env.Values.Any(value => value.Contains(pair.Value, StringComparison.Ordinal))));
        }
    }

    [Fact]
    public void Every_service_address_and_connection_string_host_is_a_Service_with_that_port()
    {
        foreach (var variant in render.Variants)
        {
            var checkedNames = new HashSet<string>();
            foreach (var (workload, template) in variant.Workloads)
            {
                foreach (var (name, value) in variant.EnvironmentOf(template.Spec.Containers.Single()))
                {
                    if (!(name.StartsWith("services__", StringComparison.Ordinal) || name.StartsWith("ConnectionStrings__", StringComparison.Ordinal)) ||
                        Endpoint(value) is not var (host, port))
                    {
                        continue;
                    }
                    var service = variant.All<V1Service>().SingleOrDefault(s => s.Metadata.Name == host);
                    Assert.True(service is not null, $"{variant.Name}: {workload} {name} names host {host}, which is no Service");
                    var servicePort = service.Spec.Ports.SingleOrDefault(p => p.Port == port);
                    Assert.True(servicePort is not null, $"{variant.Name}: Service {host} has no port {port} ({workload} {name})");
                    // The Service leads to a workload that listens there.
                    var target = variant.Workloads.Single(w => service.Spec.Selector.All(label => w.Template.Metadata.Labels.TryGetValue(label.Key, out var v) && v == label.Value));
                    Assert.Contains(target.Template.Spec.Containers.Single().Ports, p => p.ContainerPort.ToString() == servicePort.TargetPort.Value);
                    checkedNames.Add($"{workload}:{name}");
                }
            }
            output.WriteLine($"{variant.Name}: {checkedNames.Count} addresses checked: {string.Join(", ", checkedNames.Order())}");
            foreach (var expected in (string[])["gateway:ConnectionStrings__identitydb", "gateway:ConnectionStrings__cache", "gateway:services__searchservice__http__0",
                "resourceservice:ConnectionStrings__resourcedb", "searchservice:ConnectionStrings__search", "analyticsservice:ConnectionStrings__analyticsdb"])
            {
                Assert.Contains(expected, checkedNames);
            }
        }
    }

    [Fact]
    public void Probes_are_on_the_paths_and_ports_the_services_map()
    {
        foreach (var service in Services)
        {
            var container = render.Production.One<V1Deployment>(service).Spec.Template.Spec.Containers.Single();
            var port = container.Ports.Single(p => p.Name is null or "http").ContainerPort.ToString();
            Assert.Equal(ServiceDefaultsPaths.HealthEndpointPath, container.ReadinessProbe.HttpGet.Path);
            Assert.Equal(ServiceDefaultsPaths.AlivenessEndpointPath, container.LivenessProbe.HttpGet.Path);
            Assert.Equal(ServiceDefaultsPaths.AlivenessEndpointPath, container.StartupProbe.HttpGet.Path);
            Assert.All([container.ReadinessProbe, container.LivenessProbe, container.StartupProbe], probe => Assert.Equal(port, probe.HttpGet.Port.Value));
            // The port the probes knock on is one the process listens on: ASPNETCORE_URLS as the ConfigMap gives it.
            Assert.Contains($":{port}", render.Production.EnvironmentOf(container)["ASPNETCORE_URLS"]);
        }
        foreach (var store in (string[])["postgres", "cache", "search"])
        {
            var container = render.Production.One<V1StatefulSet>(store).Spec.Template.Spec.Containers.Single();
            Assert.Contains(container.Ports, p => p.ContainerPort.ToString() == container.ReadinessProbe.TcpSocket.Port.Value);
            Assert.NotNull(container.LivenessProbe);
        }
    }

    [Fact]
    public void The_management_port_has_its_own_Service_and_no_Ingress_leads_to_it()
    {
        var production = render.Production;
        var gatewayEnv = production.EnvironmentOf(production.One<V1Deployment>("gateway").Spec.Template.Spec.Containers.Single());
        var managementPort = int.Parse(gatewayEnv["Management__Port"]);
        var management = production.One<V1Service>("gateway-management");
        var publicService = production.One<V1Service>("gateway");

        Assert.Equal("ClusterIP", management.Spec.Type);
        Assert.Equal(managementPort.ToString(), Assert.Single(management.Spec.Ports).TargetPort.Value);
        Assert.DoesNotContain(publicService.Spec.Ports, p => p.Port == managementPort || p.TargetPort.Value == managementPort.ToString());
        var backends = production.All<V1Ingress>().SelectMany(i => i.Spec.Rules).SelectMany(r => r.Http.Paths).Select(p => p.Backend.Service).ToList();
        Assert.NotEmpty(backends);
        Assert.All(backends, backend =>
        {
            Assert.Equal("gateway", backend.Name);
            var port = publicService.Spec.Ports.Single(p => p.Name == backend.Port.Name || p.Port == backend.Port.Number);
            Assert.NotEqual(managementPort.ToString(), port.TargetPort.Value);
        });
        output.WriteLine(KubernetesYaml.Serialize(publicService));
        output.WriteLine(KubernetesYaml.Serialize(management));
        output.WriteLine(KubernetesYaml.Serialize(production.All<V1Ingress>().Single()));
    }

    [Fact]
    public void Production_runs_several_replicas_within_limits_as_non_root()
    {
        var production = render.Production;
        Assert.True(production.One<V1Deployment>("gateway").Spec.Replicas >= 2);
        Assert.True(production.One<V1Deployment>("resourceservice").Spec.Replicas >= 2);
        var search = production.One<V1Deployment>("searchservice");
        Assert.Equal(2, search.Spec.Replicas);
        // Several search replicas share one Elasticsearch, never an embedded index each.
        Assert.StartsWith("http://", production.EnvironmentOf(search.Spec.Template.Spec.Containers.Single())["ConnectionStrings__search"]);

        foreach (var (workload, template) in production.Workloads)
        {
            Assert.True(template.Spec.SecurityContext?.RunAsNonRoot == true, $"{workload} may run as root");
            Assert.NotEqual(0, template.Spec.SecurityContext.RunAsUser ?? 0);
            var container = template.Spec.Containers.Single();
            Assert.False(container.SecurityContext.AllowPrivilegeEscalation ?? true, $"{workload} allows privilege escalation");
            Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
            Assert.True(container.Resources?.Requests?.ContainsKey("memory") == true && container.Resources.Limits?.ContainsKey("memory") == true, $"{workload} has no memory request and limit");
            Assert.True(container.Resources.Limits.ContainsKey("cpu"), $"{workload} has no CPU limit");
        }
        Assert.All(Services, service => Assert.True(production.One<V1Deployment>(service).Spec.Template.Spec.Containers.Single().SecurityContext.ReadOnlyRootFilesystem == true));
        Assert.All(Services, service => Assert.Equal("RollingUpdate", production.One<V1Deployment>(service).Spec.Strategy.Type));

        Assert.All(Services, service => Assert.Contains(production.All<V1PodDisruptionBudget>(), pdb => pdb.Spec.Selector.MatchLabels["app"] == service));
        var hpa = production.One<V2HorizontalPodAutoscaler>("gateway");
        Assert.Equal("gateway", hpa.Spec.ScaleTargetRef.Name);
        Assert.True(hpa.Spec.MinReplicas >= 2);

        // Elasticsearch: a heap, and a memory limit above it.
        var elasticsearch = production.One<V1StatefulSet>("search").Spec.Template.Spec.Containers.Single();
        Assert.Matches(@"-Xms1g -Xmx1g", production.EnvironmentOf(elasticsearch)["ES_JAVA_OPTS"]);
        Assert.True(elasticsearch.Resources.Limits["memory"].ToInt64() >= 2L * 1024 * 1024 * 1024);

        // The four service images come from the one registry of deploy-settings.yaml.
        var registries = Services.Select(s => production.One<V1Deployment>(s).Spec.Template.Spec.Containers.Single().Image).ToList();
        output.WriteLine(string.Join("\n", registries));
        Assert.Single(registries.Select(image => image[..image.LastIndexOf('/')]).Distinct());
        Assert.All(registries, image => Assert.DoesNotContain("REGISTRY", image));
    }

    [Fact]
    public void Only_the_gateway_is_reachable_from_outside_and_each_store_only_from_its_users()
    {
        var production = render.Production;
        var policies = production.All<V1NetworkPolicy>().ToList();
        var denyAll = Assert.Single(policies, p => p.Spec.PodSelector.MatchLabels is null or { Count: 0 });
        Assert.Null(denyAll.Spec.Ingress);
        foreach (var policy in policies.Where(p => p != denyAll))
        {
            var app = policy.Spec.PodSelector.MatchLabels["app"];
            var openRules = policy.Spec.Ingress.Where(rule => rule.FromProperty is null or { Count: 0 }).ToList();
            Assert.True(app == "gateway" || openRules.Count == 0, $"{app} accepts traffic from anywhere");
        }
        var gatewayOpen = policies.Single(p => AppOf(p) == "gateway").Spec.Ingress.Where(r => r.FromProperty is null).SelectMany(r => r.Ports);
        Assert.Equal(["8080"], gatewayOpen.Select(p => p.Port.Value));

        // The stores: allowed exactly from the workloads whose connection strings name them.
        foreach (var store in (string[])["postgres", "cache", "search"])
        {
            var users = production.Workloads.Where(w => production.EnvironmentOf(w.Template.Spec.Containers.Single())
                .Any(pair => pair.Key.StartsWith("ConnectionStrings__", StringComparison.Ordinal) && Endpoint(pair.Value)?.Host == store))
                .Select(w => w.Workload).Order().ToList();
            var allowed = policies.Single(p => AppOf(p) == store).Spec.Ingress
                .SelectMany(r => r.FromProperty).Select(peer => peer.PodSelector.MatchLabels["app"]).Order().ToList();
            output.WriteLine($"{store}: used by [{string.Join(", ", users)}], allowed from [{string.Join(", ", allowed)}]");
            Assert.NotEmpty(users);
            Assert.Equal(users, allowed);
        }
    }

    private static string? AppOf(V1NetworkPolicy policy) => policy.Spec.PodSelector.MatchLabels is { } labels && labels.TryGetValue("app", out var app) ? app : null;

    /// <summary>The five credentials secrets.sh generated, read back from the files it wrote.</summary>
    private Dictionary<string, string> Credentials()
    {
        var identity = new DbConnectionStringBuilder { ConnectionString = render.SecretFiles["gateway"]["ConnectionStrings__identity-secrets"] };
        return new()
        {
            ["postgres password"] = render.SecretFiles["postgres"]["POSTGRES_PASSWORD"],
            ["cache password"] = render.SecretFiles["cache"]["ConnectionStrings__redis_password"],
            ["search password"] = render.SecretFiles["search"]["ConnectionStrings__elastic_password"],
            ["JWT signing key"] = (string)identity["SigningKey"],
            ["admin password"] = (string)identity["AdminPassword"],
        };
    }

    /// <summary>The host and port a service address or connection string points at; null when it names none (a signing key).</summary>
    internal static (string Host, int Port)? Endpoint(string value)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return (uri.Host, uri.Port);
        }
        if (Regex.Match(value, @"^([a-z0-9-]+):(\d+)(,|$)") is { Success: true } hostPort)
        {
            return (hostPort.Groups[1].Value, int.Parse(hostPort.Groups[2].Value));
        }
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = value;
        }
        catch (ArgumentException)
        {
            return null;
        }
        return builder.TryGetValue("Host", out var host) && builder.TryGetValue("Port", out var port) ? ((string)host, int.Parse((string)port)) : null;
    }
}
