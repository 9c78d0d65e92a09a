using RomApi.AnalyticsService.Data;
using RomApi.AnalyticsService.Telemetry;
using RomApi.AnalyticsService.TopResources;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

builder.AddPlatformAuth();
builder.AddNpgsqlDbContext<AnalyticsDbContext>("analyticsdb");

builder.Services.AddOptions<TopResourcesOptions>().BindConfiguration(TopResourcesOptions.SectionName);
builder.Services.AddSingleton<AnalyticsServiceMetrics>();
builder.Services.AddOpenApi();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapOpenApi();

app.MapTopResourcesApi();

app.Run();
