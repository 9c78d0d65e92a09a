using RomApi.Contracts;
using RomApi.AnalyticsService;
using RomApi.Platform.Access;
using RomApi.Platform;
using RomApi.AnalyticsService.Partitions;
using RomApi.AnalyticsService.Retention;
using RomApi.AnalyticsService.SearchAnalytics;
using RomApi.AnalyticsService.TopResources;
using RomApi.AnalyticsService.Usage;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformDefaults();

builder.AddPlatformAuth();
builder.AddServiceDatabase<AnalyticsDbContext>("analyticsdb");

builder.Services.AddSettings<TopResourcesOptions>(TopResourcesOptions.SectionName);
builder.Services.AddSettings<StatsOptions>(StatsOptions.SectionName);
builder.Services.AddSettings<IngestionOptions>(IngestionOptions.SectionName)
    .Validate(ingestion => ingestion.MaxBatchDelay >= TimeSpan.Zero && ingestion.MaxBatchDelay <= TimeSpan.FromDays(1),
        "Ingestion:MaxBatchDelay must be between 0 and 1 day.")
    .Validate(ingestion => ingestion.ViewWindow >= TimeSpan.FromMinutes(1) && ingestion.ViewWindow <= TimeSpan.FromDays(1),
        "Ingestion:ViewWindow must be between 1 minute and 1 day.");
builder.Services.AddSettings<PartitionOptions>(PartitionOptions.SectionName);
builder.Services.AddSettings<ResourceDirectoryOptions>(ResourceDirectoryOptions.SectionName);
builder.Services.AddSettings<RetentionOptions>(RetentionOptions.SectionName)
    .Validate<Microsoft.Extensions.Options.IOptions<IngestionOptions>>(
        (retention, ingestion) => TimeSpan.FromDays(retention.RawEventMonths * 28) > ingestion.Value.MaxEventAge,
        "Retention:RawEventMonths must keep raw events longer than Ingestion:MaxEventAge.");

builder.Services.AddSingleton<AnalyticsServiceMetrics>();
builder.Services.AddSingleton<EventBuffer>();
builder.Services.AddSingleton<EventBatchWriter>();
builder.Services.AddSingleton<MonthlyPartitions>();
builder.Services.AddSingleton<StatsQuery>();
builder.Services.AddSingleton<UsageQuery>();
builder.Services.AddSingleton<SearchQueriesQuery>();
builder.Services.AddScoped<EventIngestion>();
builder.Services.AddMemoryCache();
builder.Services.AddHttpClient<ResourceDirectory>(client => client.BaseAddress = ServiceNames.DiscoveryAddress(ServiceNames.ResourceService));
builder.Services.AddHostedService<PartitionMaintenanceService>();
builder.Services.AddHostedService<EventWriterService>();
builder.Services.AddAnalyticsApiDocument();

var app = builder.Build();

app.UsePlatformDefaults();
app.MapDefaultEndpoints();
app.MapOpenApi();

var publicApi = app.MapPublicApi(ServiceNames.AnalyticsService);
// Every public route is under the one prefix the gateway forwards here.
var analytics = publicApi.MapGroup(AnalyticsRoutes.Prefix).WithTags("Analytics");
analytics.MapEventsApi();
analytics.MapStatsApi();
analytics.MapTopResourcesApi();
analytics.MapUsageApi();
analytics.MapSearchAnalyticsApi();
app.MapInternalEventsApi();

app.Run();
