using Microsoft.Extensions.Configuration;
using RomApi.Hosting.ApplicationModel;
using System.Diagnostics;
using System.Reflection;

namespace RomApi.Hosting;

internal sealed class DistributedApplicationBuilder : IDistributedApplicationBuilder
{
    private readonly List<IResource> _resources = [];
    private readonly string[] _args;

    public DistributedApplicationBuilder(string[] args, Assembly appHostAssembly)
    {
        _args = args;
        AppHostDirectory = ReadAppHostDirectory(appHostAssembly);

        Configuration = new ConfigurationManager();
        Configuration.SetBasePath(AppContext.BaseDirectory);
        Configuration.AddJsonFile("appsettings.json", optional: true);
        Configuration.AddJsonFile($"appsettings.{Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Development"}.json", optional: true);
        Configuration.AddEnvironmentVariables();
        Configuration.AddCommandLine(args, new Dictionary<string, string>
        {
            ["--publisher"] = "Publishing:Publisher",
            ["--output-path"] = "Publishing:OutputPath",
        });

        ExecutionContext = new DistributedApplicationExecutionContext(
            string.IsNullOrEmpty(Configuration["Publishing:Publisher"]) ? DistributedApplicationOperation.Run : DistributedApplicationOperation.Publish);
    }

    public ConfigurationManager Configuration { get; }
    public DistributedApplicationExecutionContext ExecutionContext { get; }
    public string AppHostDirectory { get; }
    public IReadOnlyList<IResource> Resources => _resources;

    public IResourceBuilder<T> AddResource<T>(T resource) where T : IResource
    {
        if (_resources.Any(existing => string.Equals(existing.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new DistributedApplicationException($"A resource named '{resource.Name}' is already in the model.");
        }
        _resources.Add(resource);
        return new ResourceBuilder<T>(this, resource);
    }

    public DistributedApplication Build()
    {
        // Lets the testing builder take over the model before Program.cs goes on to Run() (see DistributedApplicationTestingBuilder).
        HostingDiagnostics.Listener.Write(HostingDiagnostics.BeforeBuildEvent, this);
        return new DistributedApplication(this, _args);
    }

    private static string ReadAppHostDirectory(Assembly assembly) =>
        assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == "AppHostProjectDirectory")?.Value
        ?? AppContext.BaseDirectory;
}

internal static class HostingDiagnostics
{
    public const string ListenerName = "RomApi.Hosting";
    public const string BeforeBuildEvent = "DistributedApplicationBuilder.BeforeBuild";

    // A DiagnosticListener is how a test host hooks into a program it runs (as HostFactoryResolver does for WebApplicationFactory).
    public static readonly DiagnosticListener Listener = new(ListenerName);
}

/// <summary>A problem with the set-up that the user can fix; shown as a message, never as a stack trace.</summary>
public sealed class DistributedApplicationException(string message, Exception? inner = null) : Exception(message, inner);
