// Usage: PlainYarp <port> <destination url>...
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls($"http://127.0.0.1:{args[0]}");
builder.Services.AddOneClusterProxy(args.Skip(1));
var app = builder.Build();
app.MapReverseProxy();
app.Run();
