using System.Diagnostics;

var builder = WebApplication.CreateSlimBuilder(args);
var app = builder.Build();
var startupDelay = TimeSpan.FromMilliseconds(app.Configuration.GetValue("ECHO_STARTUP_DELAY_MS", 0));
var started = Stopwatch.StartNew();

app.MapGet("/health", () => started.Elapsed >= startupDelay ? Results.Ok("Healthy") : Results.StatusCode(503));
app.MapGet("/env", () => Results.Ok(new EchoReport(
    Environment.ProcessId,
    Process.GetCurrentProcess().StartTime.ToUniversalTime(),
    Environment.GetEnvironmentVariables().Keys.Cast<string>()
        .Where(key => key.StartsWith("services__", StringComparison.Ordinal) || key.StartsWith("ConnectionStrings__", StringComparison.Ordinal) ||
                      key.StartsWith("OTEL_", StringComparison.Ordinal) || key.StartsWith("ASPNETCORE_", StringComparison.Ordinal))
        .ToDictionary(key => key, key => Environment.GetEnvironmentVariable(key) ?? ""))));
app.Run();

internal sealed record EchoReport(int ProcessId, DateTime StartedAt, Dictionary<string, string> Environment);
