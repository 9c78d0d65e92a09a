var builder = DistributedApplication.CreateBuilder(args);

// Secrets: set them as Parameters__{name}; left unset in run mode they are generated once and kept in the data folder.
var postgresPassword = builder.AddParameter("postgres-password", secret: true);
var jwtSigningKey = builder.AddParameter("jwt-signing-key", secret: true);
var adminEmail = builder.AddParameter("admin-email", "admin@romapi.local");
var adminPassword = builder.AddParameter("admin-password", secret: true);

var postgres = builder.AddPostgres("postgres", postgresPassword).WithDataVolume();
var identityDb = postgres.AddDatabase("identitydb");
var resourceDb = postgres.AddDatabase("resourcedb");
var analyticsDb = postgres.AddDatabase("analyticsdb");

var cache = builder.AddRedis("cache").WithDataVolume();

// Elasticsearch when ConnectionStrings:search is given to the AppHost, else the search service's embedded Lucene index.
var search = builder.AddElasticsearch("search").WithDataVolume();

// Credentials travel inside connection strings: Aspirate makes Kubernetes Secrets only of ConnectionStrings__* values.
var platformAuth = builder.AddConnectionString("platform-auth", ReferenceExpression.Create($"SigningKey={jwtSigningKey}"));
var identitySecrets = builder.AddConnectionString("identity-secrets",
    ReferenceExpression.Create($"SigningKey={jwtSigningKey};AdminPassword={adminPassword}"));

var analyticsService = builder.AddProject<Projects.RomApi_AnalyticsService>("analyticsservice")
    .WithReference(analyticsDb).WaitFor(analyticsDb)
    .WithReference(platformAuth);

var resourceService = builder.AddProject<Projects.RomApi_ResourceService>("resourceservice")
    .WithReference(resourceDb).WaitFor(resourceDb)
    .WithReference(cache).WaitFor(cache)
    .WithReference(platformAuth)
    .WithReference(analyticsService);

// The analytics service asks the resource service who owns a resource (stats authorization) and whether it exists
// (public events). Discovery only: no WaitFor, the two services reference each other.
analyticsService.WithReference(resourceService);

var searchService = builder.AddProject<Projects.RomApi_SearchService>("searchservice")
    .WithReference(search).WaitFor(search)
    .WithReference(cache).WaitFor(cache)
    .WithReference(platformAuth)
    .WithReference(resourceService)
    .WithReference(analyticsService);

builder.AddProject<Projects.RomApi_Gateway>("gateway")
    .WithReference(identityDb).WaitFor(identityDb)
    .WithReference(cache).WaitFor(cache)
    .WithReference(identitySecrets)
    .WithEnvironment("Identity__Admin__Email", adminEmail)
    .WithReference(resourceService).WaitFor(resourceService)
    .WithReference(searchService).WaitFor(searchService)
    .WithReference(analyticsService).WaitFor(analyticsService)
    .WithExternalHttpEndpoints()
    .WithHttpEndpoint(port: builder.Configuration.GetValue("AppHost:GatewayPort", 8080));

builder.Build().Run();
