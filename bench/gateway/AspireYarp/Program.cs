// Usage: AspireYarp <port> <destination url>...
var builder = WebApplication.CreateBuilder();
// The gateway's logging levels (a line per request from YARP and ASP.NET Core is not what a deployment runs with), and, as in
// the gateway, its proxied calls not measured twice (see Extensions.HttpClientMetricsSetting).
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Logging:LogLevel:Default"] = "Information",
    ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
    ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
    ["Logging:LogLevel:Yarp"] = "Warning",
    [Extensions.HttpClientMetricsSetting] = "false",
});
builder.AddServiceDefaults();
builder.WebHost.UseUrls($"http://127.0.0.1:{args[0]}");
builder.Services.AddOneClusterProxy(args.Skip(1));
var app = builder.Build();
app.MapDefaultEndpoints();
app.MapReverseProxy();
app.Run();
