using RomApi.Storage.Redis;
using RomApi.Platform;
using RomApi.Gateway.Docs;
using RomApi.Gateway.Edge;
using RomApi.Gateway.Operations;
using RomApi.Gateway.Proxy;
using RomApi.Gateway.ResponseCache;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformDefaults();

builder.AddServiceDatabase<IdentityDbContext>("identitydb");
builder.AddRedisCache("cache");
builder.AddEdge();
builder.AddIdentity();
builder.AddLimits();
builder.AddUsageReporting();
builder.AddDownstreamHealthChecks();
builder.AddGatewayProxy();
builder.AddResponseCache();
builder.AddDocs();
builder.Services.AddSingleton<GatewayMetrics>();
builder.AddManagementEndpoint();

var app = builder.Build();

app.UsePlatformDefaults();
app.MapDefaultEndpoints();
// Before anything else of the gateway's: the public port shows probes a bare /health and /metrics to admins only.
app.UseMiddleware<OperatorEndpointsGuard>();
app.UseMiddleware<RequestLogMiddleware>();
app.UseMiddleware<SecurityHeadersMiddleware>();
app.UseMiddleware<DeclaredBodyLimitMiddleware>();
app.UseConfiguredCors();
app.UseRouting();
app.UseRequestTimeouts();
// Who calls, then how much they may: both before any endpoint, the gateway's own and the proxied ones alike.
app.UseMiddleware<CallerAuthenticationMiddleware>();
app.UseMiddleware<RateLimitMiddleware>();

app.MapOpenApi();
app.MapDocs();
app.MapIdentityApi();
app.MapApiKeysApi();
app.MapGatewayProxy();

app.Run();
