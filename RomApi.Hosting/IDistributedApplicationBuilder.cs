using Microsoft.Extensions.Configuration;
using RomApi.Hosting.ApplicationModel;

namespace RomApi.Hosting;

public interface IDistributedApplicationBuilder
{
    ConfigurationManager Configuration { get; }
    DistributedApplicationExecutionContext ExecutionContext { get; }

    /// <summary>The AppHost project folder: relative manifest paths and the default data folder key start here.</summary>
    string AppHostDirectory { get; }

    IReadOnlyList<IResource> Resources { get; }

    IResourceBuilder<T> AddResource<T>(T resource) where T : IResource;

    DistributedApplication Build();
}
