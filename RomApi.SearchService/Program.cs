using RomApi.Storage.Redis;
using RomApi.SearchService;
using RomApi.Platform.Access;
using RomApi.Platform;
using RomApi.SearchService.Search;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformDefaults();

builder.AddPlatformAuth();
builder.AddRedisCache("cache");
builder.AddSearchIndex();
builder.AddIndexing();
builder.AddCategoryScopes();

builder.Services.AddSettings<SearchOptions>(SearchOptions.SectionName);
builder.Services.AddSingleton<SearchServiceMetrics>();
builder.Services.AddSingleton<SearchHighlighter>();
builder.Services.AddSingleton<SearchResultsMemo>();
builder.Services.AddSearchApiDocument();

var app = builder.Build();

app.UsePlatformDefaults();
app.MapDefaultEndpoints();
app.MapOpenApi();

app.MapPublicApi(ServiceNames.SearchService).MapSearchApi();
app.MapReindexApi();

// Created eagerly so its gauges (index lag) are registered before the first scrape.
app.Services.GetRequiredService<SearchServiceMetrics>();

app.Run();
