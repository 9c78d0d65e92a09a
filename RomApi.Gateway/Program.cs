using RomApi.Gateway.Downstream;
using RomApi.Gateway.Identity;
using RomApi.Gateway.Identity.Data;
using RomApi.Gateway.Proxy;
using RomApi.Gateway.Telemetry;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

builder.AddNpgsqlDbContext<IdentityDbContext>("identitydb");
builder.AddRedisClient("cache");
builder.AddIdentity();
builder.AddDownstreamHealthChecks();
builder.AddGatewayProxy();

builder.Services.AddSingleton<GatewayMetrics>();
builder.Services.AddOpenApi();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapOpenApi();

app.MapGatewayProxy();

app.Run();
