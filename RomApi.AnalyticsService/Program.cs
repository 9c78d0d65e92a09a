using RomApi.AnalyticsService.Data;
using RomApi.AnalyticsService.Infrastructure.Database;
using RomApi.AnalyticsService.Infrastructure.PlatformAuth;
using RomApi.AnalyticsService.Telemetry;
using RomApi.AnalyticsService.TopResources;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

builder.AddPlatformAuth();
builder.AddPostgresDbContext<AnalyticsDbContext>(AnalyticsDbContext.ConnectionName);

builder.Services.AddOptions<TopResourcesOptions>().BindConfiguration(TopResourcesOptions.SectionName);
builder.Services.AddSingleton<AnalyticsServiceMetrics>();
builder.Services.AddOpenApi();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapOpenApi();

app.MapTopResourcesApi();

app.Run();
