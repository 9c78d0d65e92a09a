using RomApi.Gateway.Downstream;
using RomApi.Gateway.Identity;
using RomApi.Gateway.Infrastructure.Redis;
using RomApi.Gateway.Proxy;
using RomApi.Gateway.Telemetry;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

builder.AddIdentity();
builder.AddRedis("cache");
builder.AddDownstreamHealthChecks();
builder.AddGatewayProxy();

builder.Services.AddSingleton<GatewayMetrics>();
builder.Services.AddOpenApi();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapOpenApi();

app.MapGatewayProxy();

app.Run();
