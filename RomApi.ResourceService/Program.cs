using RomApi.ResourceService.ApiResources;
using RomApi.ResourceService.Categories;
using RomApi.ResourceService.Data;
using RomApi.ResourceService.Infrastructure.Database;
using RomApi.ResourceService.Infrastructure.PlatformAuth;
using RomApi.ResourceService.Infrastructure.Redis;
using RomApi.ResourceService.Telemetry;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

builder.AddPlatformAuth();
builder.AddPostgresDbContext<ResourceDbContext>(ResourceDbContext.ConnectionName);
builder.AddRedis("cache");

builder.Services.AddOptions<ApiResourcesOptions>().BindConfiguration(ApiResourcesOptions.SectionName);
builder.Services.AddSingleton<ResourceServiceMetrics>();
builder.Services.AddOpenApi();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapOpenApi();

app.MapCategoriesApi();
app.MapApiResourcesApi();

app.Run();
