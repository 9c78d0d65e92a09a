using RomApi.Hosting.ApplicationModel;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RomApi.Hosting.Publishing;

/// <summary>
/// Writes the model as an Aspire manifest (the format Aspirate turns into Kubernetes objects). Only the resource types Aspirate
/// understands are used: container.v0, project.v0, value.v0, parameter.v0.
/// </summary>
internal static class ManifestPublisher
{
    public static async Task WriteAsync(IDistributedApplicationBuilder builder, string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var manifestDirectory = Path.GetDirectoryName(path)!;
        await using var stream = File.Create(path);
        await using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("$schema", "https://json.schemastore.org/aspire-8.0.json");
            writer.WriteStartObject("resources");
            foreach (var resource in builder.Resources)
            {
                writer.WriteStartObject(resource.Name);
                WriteResource(writer, resource, manifestDirectory);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        await stream.WriteAsync("\n"u8.ToArray(), cancellationToken);
    }

    private static void WriteResource(Utf8JsonWriter writer, IResource resource, string manifestDirectory)
    {
        switch (resource)
        {
            case ParameterResource parameter:
                WriteParameter(writer, parameter);
                break;
            case PostgresServerResource postgres:
                WriteContainer(writer, postgres, new Dictionary<string, string>
                {
                    ["POSTGRES_HOST_AUTH_METHOD"] = "scram-sha-256",
                    ["POSTGRES_INITDB_ARGS"] = "--auth-host=scram-sha-256 --auth-local=scram-sha-256",
                    ["POSTGRES_USER"] = PostgresServerResource.UserName,
                    ["POSTGRES_PASSWORD"] = postgres.Password.ValueExpression,
                });
                break;
            case RedisResource redis:
                // As Aspire does: the password reaches redis-server through the environment, not the image's default config.
                WriteContainer(writer, redis, new Dictionary<string, string> { ["REDIS_PASSWORD"] = redis.Password.ValueExpression },
                    entrypoint: "/bin/sh", args: ["-c", "redis-server --requirepass $REDIS_PASSWORD" + (redis.DataVolumeName is null ? "" : " --save 60 1")]);
                break;
            case ElasticsearchResource search:
                WriteContainer(writer, search, new Dictionary<string, string>
                {
                    ["discovery.type"] = "single-node",
                    ["xpack.security.enabled"] = "true",
                    ["ELASTIC_PASSWORD"] = search.Password.ValueExpression,
                    ["ES_JAVA_OPTS"] = "-Xms512m -Xmx512m",
                });
                break;
            case IResourceWithConnectionString valueResource:
                writer.WriteString("type", "value.v0");
                writer.WriteString("connectionString", valueResource.ConnectionStringExpression.ValueExpression);
                break;
            case ProjectResource project:
                WriteProject(writer, project, manifestDirectory);
                break;
            default:
                throw new NotSupportedException($"The manifest has no form for '{resource.GetType().Name}'.");
        }
    }

    private static void WriteParameter(Utf8JsonWriter writer, ParameterResource parameter)
    {
        writer.WriteString("type", "parameter.v0");
        writer.WriteString("value", $"{{{parameter.Name}.inputs.value}}");
        writer.WriteStartObject("inputs");
        writer.WriteStartObject("value");
        writer.WriteString("type", "string");
        if (parameter.Secret)
        {
            writer.WriteBoolean("secret", true);
        }
        // Aspirate's non-interactive mode stops at a parameter without a default, so every parameter carries one.
        writer.WriteStartObject("default");
        if (parameter.DefaultValue is not null)
        {
            writer.WriteString("value", parameter.DefaultValue);
        }
        else
        {
            writer.WriteStartObject("generate");
            writer.WriteNumber("minLength", Math.Max(parameter.GeneratedLength, 22));
            writer.WriteBoolean("special", false);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteContainer(Utf8JsonWriter writer, ContainerLikeResource container, IReadOnlyDictionary<string, string> environment,
        string? entrypoint = null, IReadOnlyList<string>? args = null)
    {
        writer.WriteString("type", "container.v0");
        if (container is IResourceWithConnectionString withConnectionString)
        {
            writer.WriteString("connectionString", withConnectionString.ConnectionStringExpression.ValueExpression);
        }
        writer.WriteString("image", container.Image);
        if (entrypoint is not null)
        {
            writer.WriteString("entrypoint", entrypoint);
        }
        if (args is not null)
        {
            writer.WriteStartArray("args");
            foreach (var arg in args)
            {
                writer.WriteStringValue(arg);
            }
            writer.WriteEndArray();
        }
        if (container.DataVolumeName is { } volume)
        {
            writer.WriteStartArray("volumes");
            writer.WriteStartObject();
            writer.WriteString("name", volume);
            writer.WriteString("target", container.VolumeTarget);
            writer.WriteBoolean("readOnly", false);
            writer.WriteEndObject();
            writer.WriteEndArray();
        }
        WriteEnvironment(writer, environment);
        writer.WriteStartObject("bindings");
        WriteBinding(writer, container.BindingName, container.BindingName == "http" ? "http" : "tcp", container.TargetPort, external: false);
        writer.WriteEndObject();
    }

    private static void WriteProject(Utf8JsonWriter writer, ProjectResource project, string manifestDirectory)
    {
        writer.WriteString("type", "project.v0");
        writer.WriteString("path", Path.GetRelativePath(manifestDirectory, project.Metadata.ProjectPath).Replace('\\', '/'));

        var environment = new Dictionary<string, string>
        {
            ["OTEL_DOTNET_EXPERIMENTAL_OTLP_EMIT_EXCEPTION_LOG_ATTRIBUTES"] = "true",
            ["OTEL_DOTNET_EXPERIMENTAL_OTLP_EMIT_EVENT_LOG_ATTRIBUTES"] = "true",
            ["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"] = "in_memory",
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
            ["HTTP_PORTS"] = $"{{{project.Name}.bindings.http.targetPort}}",
        };
        foreach (var (key, value) in project.Environment)
        {
            environment[key] = value switch
            {
                string literal => literal,
                IManifestExpressionProvider expression => expression.ValueExpression,
                _ => value.ToString() ?? "",
            };
        }
        foreach (var service in project.ServiceReferences)
        {
            environment[$"services__{service.Name}__http__0"] = $"{{{service.Name}.bindings.http.url}}";
        }
        WriteEnvironment(writer, environment);

        writer.WriteStartObject("bindings");
        WriteBinding(writer, "http", "http", targetPort: null, project.IsExternal);
        writer.WriteEndObject();
    }

    private static void WriteEnvironment(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> environment)
    {
        writer.WriteStartObject("env");
        foreach (var (key, value) in environment)
        {
            writer.WriteString(key, value);
        }
        writer.WriteEndObject();
    }

    private static void WriteBinding(Utf8JsonWriter writer, string name, string scheme, int? targetPort, bool external)
    {
        writer.WriteStartObject(name);
        writer.WriteString("scheme", scheme);
        writer.WriteString("protocol", "tcp");
        writer.WriteString("transport", scheme == "http" ? "http" : "tcp");
        if (targetPort is { } port)
        {
            writer.WriteNumber("targetPort", port);
        }
        if (external)
        {
            writer.WriteBoolean("external", true);
        }
        writer.WriteEndObject();
    }
}
