using RomApi.Storage.Redis;
using RomApi.ResourceService;
using RomApi.Platform.Access;
using RomApi.Platform;
using RomApi.ResourceService.Hours;
using RomApi.ResourceService.Images;
using RomApi.ResourceService.BulkImport;
using RomApi.ResourceService.Moderation;
using RomApi.Platform.Analytics;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformDefaults();

builder.AddPlatformAuth();
builder.AddServiceDatabase<ResourceDbContext>("resourcedb");
builder.AddRedisCache("cache");

builder.Services.AddSettings<ApiResourcesOptions>(ApiResourcesOptions.SectionName);
builder.Services.AddSettings<CacheOptions>(CacheOptions.SectionName);
builder.Services.AddSettings<EnrichmentOptions>(EnrichmentOptions.SectionName);

builder.Services.AddSingleton<ResourceCounts>();
builder.Services.AddSingleton<ResourceServiceMetrics>();
builder.Services.AddHostedService<ResourceCountsRefresher>();

builder.Services.AddSingleton<CacheConnection>();
builder.Services.AddSingleton<CacheRepairs>();
builder.Services.AddSingleton<ResourceCache>();
builder.Services.AddHostedService<CacheRepairLoop>();
builder.Services.AddSingleton<ResourceJson>();
builder.Services.AddSingleton<ChangeNotifier>();
builder.Services.AddSingleton<Gazetteer>();
builder.Services.AddSingleton<ResourceNormalizer>();
builder.Services.AddScoped<ResourceReader>();
builder.Services.AddScoped<ResourceLister>();
builder.Services.AddScoped<ResourceWriter>();
builder.Services.AddScoped<BulkImporter>();
builder.Services.AddScoped<CategoryRenamer>();
builder.Services.AddSingleton<CategoryReader>();

builder.Services.AddSingleton<DefaultCategorySeeder>();
builder.Services.AddHostedService(services => services.GetRequiredService<DefaultCategorySeeder>());
builder.Services.AddHealthChecks().AddCheck<DefaultCategorySeeder>("default-categories");

builder.AddViewCounting(ServiceNames.ResourceService, services => services.GetRequiredService<ResourceServiceMetrics>().ViewDropped);

builder.Services.AddResourceApiDocument();

var app = builder.Build();

app.UsePlatformDefaults();
app.MapDefaultEndpoints();
app.MapOpenApi();

var publicApi = app.MapPublicApi(ServiceNames.ResourceService);
publicApi.MapCategoriesApi();
publicApi.MapApiResourcesApi();
publicApi.MapModerationApi();
publicApi.MapHoursApi();
publicApi.MapImagesApi();
publicApi.MapBulkImportApi();
app.MapChangesApi();

app.Run();
