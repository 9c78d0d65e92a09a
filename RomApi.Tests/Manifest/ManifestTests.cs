using NJsonSchema;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RomApi.Tests.Manifest;

public sealed class ManifestTests
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
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
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
            Assert.Contains(type, allowed);
            if (type == "project.v0")
            {
                var path = Path.Combine(RepositoryRoot, resource.Value.GetProperty("path").GetString()!);
                Assert.True(File.Exists(path), $"{resource.Name}: project path {path} does not exist");
            }
            if (type == "parameter.v0")
            {
                // Without a default, Aspirate's non-interactive mode stops at the parameter.
                Assert.True(resource.Value.GetProperty("inputs").GetProperty("value").TryGetProperty("default", out _), $"{resource.Name} has no default");
            }
        }

        foreach (var secret in new[] { "postgres-password", "jwt-signing-key", "admin-password" })
        {
            var input = resources.GetProperty(secret).GetProperty("inputs").GetProperty("value");
            Assert.True(input.GetProperty("secret").GetBoolean());
            Assert.True(input.GetProperty("default").TryGetProperty("generate", out _));
        }
        foreach (var container in new[] { "postgres", "cache", "search" })
        {
            Assert.Equal("container.v0", resources.GetProperty(container).GetProperty("type").GetString());
            Assert.Equal(1, resources.GetProperty(container).GetProperty("volumes").GetArrayLength());
            Assert.True(resources.GetProperty(container).TryGetProperty("connectionString", out _));
        }
        foreach (var database in new[] { "identitydb", "resourcedb", "analyticsdb" })
        {
            Assert.Equal("value.v0", resources.GetProperty(database).GetProperty("type").GetString());
        }

        var gateway = resources.GetProperty("gateway");
        Assert.True(gateway.GetProperty("bindings").GetProperty("http").GetProperty("external").GetBoolean());
        var env = gateway.GetProperty("env");
        Assert.Equal("{resourceservice.bindings.http.url}", env.GetProperty("services__resourceservice__http__0").GetString());
        Assert.Equal("{identitydb.connectionString}", env.GetProperty("ConnectionStrings__identitydb").GetString());
        // Secrets reach services only inside ConnectionStrings__* values, which Aspirate turns into Kubernetes Secrets.
        foreach (var resource in resources.EnumerateObject().Where(r => r.Value.GetProperty("type").GetString() == "project.v0"))
        {
            foreach (var variable in resource.Value.GetProperty("env").EnumerateObject().Where(v => !v.Name.StartsWith("ConnectionStrings__", StringComparison.Ordinal)))
            {
                Assert.DoesNotContain("password", variable.Value.GetString()!, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("jwt-signing-key", variable.Value.GetString()!, StringComparison.Ordinal);
            }
        }
    }
}
