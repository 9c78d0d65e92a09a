using RomApi.AppHost;
using RomApi.Hosting.Local;

var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Args = args, AllowUnsecuredTransport = true })
    .UseLocalDashboardPorts()
    .RunProjectsFromBuildOutput()
    .RestartExitedProcesses()
    .ProbeHealthEagerly()
    .LogResourceStates();
var data = builder.DataDirectory();

// Secrets: Parameters__{name} or `dotnet user-secrets`; left unset in run mode they are generated once and kept in the data
// folder's parameters.json. admin-email has a local default in appsettings.json; a deployer must set it.
var postgresPassword = builder.AddGeneratedSecret("postgres-password");
var cachePassword = builder.AddGeneratedSecret("cache-password");
var searchPassword = builder.AddGeneratedSecret("search-password");
var jwtSigningKey = builder.AddGeneratedSecret("jwt-signing-key", length: 48);
var adminPassword = builder.AddGeneratedSecret("admin-password", length: 24);
var adminEmail = builder.AddParameter("admin-email");

// Run mode has no container engine here: PostgreSQL and Redis run as local executables under DCP, with their data in the
// data folder. Publish mode writes the stock containers with volumes.
IResourceBuilder<IResourceWithConnectionString> identityDb, resourceDb, analyticsDb, cache;
if (builder.ExecutionContext.IsPublishMode)
{
    var postgres = builder.AddPostgres("postgres", password: postgresPassword).WithDataVolume("romapi-postgres-data");
    identityDb = postgres.AddDatabase("identitydb");
    resourceDb = postgres.AddDatabase("resourcedb");
    analyticsDb = postgres.AddDatabase("analyticsdb");
    cache = builder.AddRedis("cache", password: cachePassword).WithDataVolume("romapi-cache-data").ForAspirate();
}
else
{
    var postgres = builder.AddLocalPostgres("postgres", postgresPassword, Path.Combine(data, "postgres", "data"));
    identityDb = postgres.AddDatabase("identitydb");
    resourceDb = postgres.AddDatabase("resourcedb");
    analyticsDb = postgres.AddDatabase("analyticsdb");
    cache = builder.AddLocalRedis("cache", cachePassword, Path.Combine(data, "redis"));
}
var search = builder.AddSearchEngine("search", searchPassword, Path.Combine(data, "search"));

// Credentials travel inside connection strings: Aspirate makes Kubernetes Secrets only of ConnectionStrings__* values.
var platformAuth = builder.AddConnectionString("platform-auth", ReferenceExpression.Create($"SigningKey={jwtSigningKey}"));
var identitySecrets = builder.AddConnectionString("identity-secrets",
    ReferenceExpression.Create($"SigningKey={jwtSigningKey};AdminPassword={adminPassword}"));

var analyticsService = builder.AddProject<Projects.RomApi_AnalyticsService>("analyticsservice")
    .WithConnectionStringsOnly()
    .WithEarlyTiering()
    .WithTraceSampling()
    .WithHttpEndpoint()
    .WithHttpHealthCheck("/health")
    .WithReference(analyticsDb).WaitFor(analyticsDb)
    .WithReference(platformAuth);

var resourceService = builder.AddProject<Projects.RomApi_ResourceService>("resourceservice")
    .WithConnectionStringsOnly()
    .WithEarlyTiering()
    .WithTraceSampling()
    .WithHttpEndpoint()
    .WithHttpHealthCheck("/health")
    .WithReference(resourceDb).WaitFor(resourceDb)
    .WithReference(cache).WaitFor(cache)
    .WithReference(platformAuth)
    .WithReference(analyticsService);

// The analytics service asks the resource service who owns a resource (stats authorization) and whether it exists
// (public events). Discovery only: no WaitFor, the two services reference each other.
analyticsService.WithReference(resourceService);

var searchService = builder.AddProject<Projects.RomApi_SearchService>("searchservice")
    .WithConnectionStringsOnly()
    .WithEarlyTiering()
    .WithGen0Budget(mebibytes: 64)
    .WithTraceSampling()
    .WithHttpEndpoint()
    .WithHttpHealthCheck("/health")
    .WithReference(search)
    .WithReference(cache).WaitFor(cache)
    .WithReference(platformAuth)
    .WithReference(resourceService)
    .WithReference(analyticsService);

var gatewayPort = builder.GatewayPort();
var managementPort = builder.ManagementPort();
var gateway = builder.AddProject<Projects.RomApi_Gateway>("gateway")
    .WithConnectionStringsOnly()
    .WithEarlyTiering()
    .WithTraceSampling()
    // The public door binds its port itself (no DCP proxy in front of every request).
    .WithHttpEndpoint(port: gatewayPort, targetPort: gatewayPort, isProxied: false)
    .WithExternalHttpEndpoints()
    // /metrics and the detailed /health for operators, on a port of its own that is not external.
    .WithHttpEndpoint(port: managementPort, targetPort: managementPort, name: "management", isProxied: false)
    .WithHttpHealthCheck("/health")
    .WithReference(identityDb).WaitFor(identityDb)
    .WithReference(cache).WaitFor(cache)
    .WithReference(identitySecrets)
    .WithEnvironment("Identity__Admin__Email", adminEmail)
    // Limits, quotas and the rest of the gateway's settings an operator sets for a run: the AppHost's "Gateway" section.
    .WithGatewaySettings()
    // No WaitFor on the services: the gateway starts alongside them, answers 503 until they are up, and reports itself
    // healthy only once every replica of every service is (its health includes theirs, and the AppHost's view of it waits for
    // the AppHost's view of them).
    .WithReference(resourceService)
    .WithReference(searchService)
    .WithReference(analyticsService)
    .HealthyAfter(resourceService, searchService, analyticsService)
    // The gateway balances and breaks circuits per replica itself, so it gets each replica's own address.
    .WithReplicaAddressesOf(resourceService)
    .WithReplicaAddressesOf(searchService)
    .WithReplicaAddressesOf(analyticsService);
gateway.WithEnvironment("Management__Port", gateway.GetEndpoint("management").Property(EndpointProperty.TargetPort));

builder.Build().Run();
