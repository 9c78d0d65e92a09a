using NJsonSchema;

namespace RomApi.Tests.AppHost;

public sealed class ManifestTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly string RepositoryRoot = FindRepositoryRoot();
    private static readonly string CommittedManifest = Path.Combine(RepositoryRoot, "aspire-manifest.json");

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "RomApi.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("RomApi.sln not found above the test output.");
    }

    [Fact]
    public async Task The_committed_manifest_is_what_the_AppHost_publishes_now()
    {
        var fresh = Path.Combine(RepositoryRoot, $"aspire-manifest.check-{Guid.NewGuid():N}.json");
        try
        {
            var appHost = Path.Combine(AppContext.BaseDirectory, "RomApi.AppHost.dll");
            // As `dotnet run --project RomApi.AppHost` runs it: from its project folder, which the output path is relative to.
            var info = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Path.Combine(RepositoryRoot, "RomApi.AppHost"),
            };
            foreach (var argument in new[] { appHost, "--publisher", "manifest", "--output-path", Path.Combine("..", Path.GetFileName(fresh)) })
            {
                info.ArgumentList.Add(argument);
            }
            using var process = Process.Start(info)!;
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, await stderr);

            Assert.True(File.Exists(CommittedManifest), "aspire-manifest.json is missing at the repository root.");
            Assert.True(await File.ReadAllTextAsync(CommittedManifest) == await File.ReadAllTextAsync(fresh),
                "aspire-manifest.json is stale. Regenerate it: dotnet run --project RomApi.AppHost -- --publisher manifest --output-path ../aspire-manifest.json");
        }
        finally
        {
            File.Delete(fresh);
        }
    }

    [Fact]
    public async Task The_manifest_validates_against_the_Aspire_schema()
    {
        var schemaText = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot, "reference", "aspire-manifest.schema.json"));
        var schema = await JsonSchema.FromJsonAsync(WithoutBooleanSchemas(schemaText));

        var errors = schema.Validate(await File.ReadAllTextAsync(CommittedManifest));

        Assert.True(errors.Count == 0, string.Join("\n---\n", errors.Select(error => error.ToString())));
    }

    /// <summary>
    /// NJsonSchema cannot read draft-07 boolean schemas (<c>"build": false</c>) and ignores <c>const</c>, so they are rewritten
    /// to forms that mean the same: <c>false</c> = <c>{"not": {}}</c>, <c>true</c> = <c>{}</c>, <c>const: x</c> = <c>enum: [x]</c>.
    /// </summary>
    private static string WithoutBooleanSchemas(string schemaJson)
    {
        var root = JsonNode.Parse(schemaJson)!;
        Rewrite(root);
        return root.ToJsonString();

        static void Rewrite(JsonNode? node)
        {
            if (node is JsonObject obj)
            {
                if (obj["properties"] is JsonObject properties)
                {
                    foreach (var name in properties.Select(p => p.Key).ToList())
                    {
                        if (properties[name] is JsonValue value && value.TryGetValue<bool>(out var allowed))
                        {
                            properties[name] = allowed ? new JsonObject() : new JsonObject { ["not"] = new JsonObject() };
                        }
                    }
                }
                if (obj["const"] is { } constant)
                {
                    obj.Remove("const");
                    obj["enum"] = new JsonArray(constant.DeepClone());
                }
                foreach (var child in obj.Select(p => p.Value).ToList())
                {
                    Rewrite(child);
                }
            }
            else if (node is JsonArray array)
            {
                foreach (var child in array.ToList())
                {
                    Rewrite(child);
                }
            }
        }
    }

    [Fact]
    public async Task The_manifest_uses_only_what_Aspirate_understands()
    {
        var resources = JsonDocument.Parse(await File.ReadAllTextAsync(CommittedManifest)).RootElement.GetProperty("resources");
        string[] allowed = ["container.v0", "project.v0", "value.v0", "parameter.v0"];

        foreach (var resource in resources.EnumerateObject())
        {
            var type = resource.Value.GetProperty("type").GetString();
            Assert.True(allowed.Contains(type), $"{resource.Name} has type {type}, which Aspirate does not read");
            if (type == "project.v0")
            {
                var path = Path.Combine(RepositoryRoot, resource.Value.GetProperty("path").GetString()!);
                Assert.True(File.Exists(path), $"{resource.Name}: project path {path} does not exist");
            }
        }
        // Aspire 13's annotated.string (the per-property variables of WithReference) is left unresolved by Aspirate.
        Assert.DoesNotContain("annotated.string", await File.ReadAllTextAsync(CommittedManifest), StringComparison.Ordinal);

        foreach (var secret in new[] { "postgres-password", "cache-password", "search-password", "jwt-signing-key", "admin-password" })
        {
            var input = resources.GetProperty(secret).GetProperty("inputs").GetProperty("value");
            Assert.True(input.GetProperty("secret").GetBoolean(), $"{secret} is not marked secret");
            // Aspirate's non-interactive mode needs a way to make a value; it drops default.value but honours generate.
            Assert.True(input.GetProperty("default").TryGetProperty("generate", out _), $"{secret} cannot be generated");
        }
        // Aspirate would replace a default value by a random string: the deployer must give the first admin's e-mail.
        Assert.False(resources.GetProperty("admin-email").GetProperty("inputs").GetProperty("value").TryGetProperty("default", out _));

        foreach (var container in new[] { "postgres", "cache", "search" })
        {
            Assert.Equal("container.v0", resources.GetProperty(container).GetProperty("type").GetString());
            Assert.Equal(1, resources.GetProperty(container).GetProperty("volumes").GetArrayLength());
            Assert.True(resources.GetProperty(container).TryGetProperty("connectionString", out _));
        }
        Assert.StartsWith("docker.elastic.co/elasticsearch/elasticsearch:9.", resources.GetProperty("search").GetProperty("image").GetString());
        foreach (var database in new[] { "identitydb", "resourcedb", "analyticsdb" })
        {
            Assert.Equal("value.v0", resources.GetProperty(database).GetProperty("type").GetString());
        }

        var gateway = resources.GetProperty("gateway");
        Assert.True(gateway.GetProperty("bindings").GetProperty("http").GetProperty("external").GetBoolean());
        var env = gateway.GetProperty("env");
        Assert.Equal("{resourceservice.bindings.http.url}", env.GetProperty("services__resourceservice__http__0").GetString());
        Assert.Equal("{identitydb.connectionString}", env.GetProperty("ConnectionStrings__identitydb").GetString());
    }

    [Fact]
    public async Task No_credential_lands_in_a_variable_Aspirate_would_put_in_a_ConfigMap()
    {
        var resources = JsonDocument.Parse(await File.ReadAllTextAsync(CommittedManifest)).RootElement.GetProperty("resources");
        var split = AspirateSplit.Of(resources);

        foreach (var (resource, variables) in split)
        {
            output.WriteLine($"{resource}: Secret [{string.Join(", ", variables.Secret)}]; ConfigMap [{string.Join(", ", variables.ConfigMap)}]");
        }
        Assert.All(split, entry => Assert.True(entry.Value.Leaks.Count == 0,
            $"{entry.Key} puts a credential in a ConfigMap: {string.Join(", ", entry.Value.Leaks)}"));
        // Every service gets its credentials, inside connection strings.
        Assert.Contains("ConnectionStrings__identity-secrets", split["gateway"].Secret);
        Assert.Contains("ConnectionStrings__cache", split["resourceservice"].Secret);
        Assert.Contains("POSTGRES_PASSWORD", split["postgres"].Secret);
        Assert.Contains(AspirateRedisPassword, split["cache"].Secret);
    }

    [Fact]
    public async Task Containers_deploy_as_Aspirate_writes_them()
    {
        var resources = JsonDocument.Parse(await File.ReadAllTextAsync(CommittedManifest)).RootElement.GetProperty("resources");
        var split = AspirateSplit.Of(resources);
        foreach (var container in resources.EnumerateObject().Where(r => r.Value.GetProperty("type").GetString() == "container.v0"))
        {
            var env = container.Value.GetProperty("env").EnumerateObject().Select(v => v.Name).ToHashSet();
            // No shell: Aspirate HTML-escapes quotes, and a shell would then run a password as a command.
            var entrypoint = container.Value.TryGetProperty("entrypoint", out var e) ? e.GetString()! : "";
            Assert.False(Path.GetFileName(entrypoint) is "sh" or "bash" or "dash", $"{container.Name} runs a shell: {entrypoint}");
            var args = container.Value.TryGetProperty("args", out var a) ? a.EnumerateArray().Select(arg => arg.GetString()!).ToList() : [];
            Assert.DoesNotContain(args, arg => arg.IndexOfAny(['"', '\'', '&', '<', '>', '`']) >= 0 || arg == "-c");
            // Passwords reach the process as $(NAME), which Kubernetes expands from the container's own variables.
            foreach (System.Text.RegularExpressions.Match reference in System.Text.RegularExpressions.Regex.Matches(string.Join(' ', args), @"\$\(([^)]+)\)"))
            {
                Assert.Contains(reference.Groups[1].Value, env);
            }
            Assert.DoesNotContain(args, arg => arg.Contains('$') && !System.Text.RegularExpressions.Regex.IsMatch(arg, @"\$\([A-Za-z_][A-Za-z0-9_]*\)"));
            // Aspirate's template is valid only for a container with at least one ConfigMap variable.
            Assert.True(split[container.Name].ConfigMap.Count > 0, $"{container.Name} has no variable outside Secrets");
        }

        var cache = resources.GetProperty("cache");
        var cacheArgs = cache.GetProperty("args").EnumerateArray().Select(arg => arg.GetString()).ToList();
        Assert.Equal($"$({AspirateRedisPassword})", cacheArgs[cacheArgs.IndexOf("--requirepass") + 1]);
        Assert.Equal("yes", cacheArgs[cacheArgs.IndexOf("--appendonly") + 1]);

        // Elasticsearch: the client's minor or newer, a fixed heap.
        var image = resources.GetProperty("search").GetProperty("image").GetString()!;
        var server = Version.Parse(image[(image.LastIndexOf(':') + 1)..]);
        var props = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot, "Directory.Packages.props"));
        var client = Version.Parse(System.Text.RegularExpressions.Regex.Match(props, @"Include=""Elastic.Clients.Elasticsearch"" Version=""([0-9.]+)""").Groups[1].Value);
        Assert.True(server.Major == client.Major && server.Minor >= client.Minor, $"Elasticsearch {server} is older than its client {client}");
        var heap = resources.GetProperty("search").GetProperty("env").GetProperty("ES_JAVA_OPTS").GetString()!;
        var sizes = System.Text.RegularExpressions.Regex.Matches(heap, @"-Xm[sx](\S+)").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, sizes.Count);
        Assert.Equal(sizes[0], sizes[1]);

        // The gateway's management port: named by Management__Port, which makes it listen there whatever ASPNETCORE_URLS says.
        var gateway = resources.GetProperty("gateway");
        Assert.Equal("{gateway.bindings.management.targetPort}", gateway.GetProperty("env").GetProperty("Management__Port").GetString());
        Assert.False(gateway.GetProperty("bindings").GetProperty("management").TryGetProperty("external", out _));
    }

    private const string AspirateRedisPassword = "ConnectionStrings__redis_password";
}

/// <summary>
/// How Aspirate splits each resource's variables: Kubernetes Secrets only for names starting with ConnectionStrings and for
/// POSTGRES_PASSWORD, a plain ConfigMap for the rest. A leak is a ConfigMap entry whose value reaches a secret parameter,
/// directly or through a connection string that holds one.
/// </summary>
internal sealed record AspirateSplit(List<string> Secret, List<string> ConfigMap, List<string> Leaks)
{
    private static readonly System.Text.RegularExpressions.Regex Reference = new(@"\{([^.{}]+)\.([^{}]+)\}");

    public static Dictionary<string, AspirateSplit> Of(JsonElement resources)
    {
        var result = new Dictionary<string, AspirateSplit>();
        foreach (var resource in resources.EnumerateObject())
        {
            if (!resource.Value.TryGetProperty("env", out var env))
            {
                continue;
            }
            var split = new AspirateSplit([], [], []);
            foreach (var variable in env.EnumerateObject())
            {
                if (variable.Name.StartsWith("ConnectionStrings", StringComparison.Ordinal) || variable.Name == "POSTGRES_PASSWORD")
                {
                    split.Secret.Add(variable.Name);
                    continue;
                }
                split.ConfigMap.Add(variable.Name);
                if (HoldsSecret(resources, variable.Value.GetString() ?? "", depth: 0))
                {
                    split.Leaks.Add(variable.Name);
                }
            }
            result[resource.Name] = split;
        }
        return result;
    }

    private static bool HoldsSecret(JsonElement resources, string value, int depth) =>
        depth < 10 && Reference.Matches(value).Any(match =>
        {
            if (!resources.TryGetProperty(match.Groups[1].Value, out var target))
            {
                return false;
            }
            if (target.GetProperty("type").GetString() == "parameter.v0")
            {
                return target.GetProperty("inputs").GetProperty("value").TryGetProperty("secret", out var secret) && secret.GetBoolean();
            }
            return match.Groups[2].Value == "connectionString" && target.TryGetProperty("connectionString", out var connection) &&
                HoldsSecret(resources, connection.GetString() ?? "", depth + 1);
        });
}
