using Yarp.ReverseProxy.Configuration;

// Usage: PlainYarp <port> <destination url>...
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls($"http://127.0.0.1:{args[0]}");
builder.Services.AddReverseProxy().LoadFromMemory(
    [new RouteConfig { RouteId = "all", ClusterId = "backend", Match = new RouteMatch { Path = "{**rest}" } }],
    [new ClusterConfig
    {
        ClusterId = "backend",
        LoadBalancingPolicy = "PowerOfTwoChoices",
        Destinations = args.Skip(1).Select((url, i) => (url, i)).ToDictionary(d => $"d{d.i}", d => new DestinationConfig { Address = d.url }),
    }]);
var app = builder.Build();
app.MapReverseProxy();
app.Run();
