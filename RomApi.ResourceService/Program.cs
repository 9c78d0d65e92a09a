using RomApi.ResourceService.ApiResources;
using RomApi.ResourceService.Categories;
using RomApi.ResourceService.Data;
using RomApi.ResourceService.Telemetry;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

builder.AddPlatformAuth();
builder.AddNpgsqlDbContext<ResourceDbContext>("resourcedb");
builder.AddRedisClient("cache");

builder.Services.AddOptions<ApiResourcesOptions>().BindConfiguration(ApiResourcesOptions.SectionName);
builder.Services.AddSingleton<ResourceServiceMetrics>();
builder.Services.AddOpenApi();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapOpenApi();

app.MapCategoriesApi();
app.MapApiResourcesApi();

app.Run();
