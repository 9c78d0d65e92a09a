namespace RomApi.Tests.WholeSystem.Hardening.Fuzz;

/// <summary>
/// Sends hostile requests through the gateway as each caller, a few at a time, until all are sent or the time is up, and checks
/// every answer: no 5xx, every 4xx in the error envelope, no internals in the body, an answer at all.
/// </summary>
public sealed class Fuzzer(IReadOnlyDictionary<FuzzCaller, HttpClient> clients, FuzzReport report)
{
    private const int Parallelism = 4;

    /// <summary>Text that only internals carry: stack frames, exception and library names, SQL, file paths, connection strings.</summary>
    private static readonly string[] LeakMarkers =
    [
        "   at ", ".cs:line", "Exception", "Npgsql", "StackExchange", "SELECT ", " FROM ", "INSERT INTO", "UPDATE ", "/work/",
        "/tmp/", "/home/", "/root/", "/usr/", "Password=", "Host=", "Username=", "System.", "Microsoft.",
    ];

    public async Task RunAsync(IReadOnlyList<(FuzzCaller Caller, HostileRequest Request)> plan, TimeSpan budget)
    {
        report.Planned = plan.Count;
        var clock = Stopwatch.StartNew();
        using var deadline = new CancellationTokenSource(budget);
        try
        {
            await Parallel.ForEachAsync(plan, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = deadline.Token },
                async (item, cancellationToken) => await SendAsync(item.Caller, item.Request, cancellationToken));
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            // The time budget is spent: what was sent is reported, the rest not.
        }
        report.Elapsed = clock.Elapsed;
    }

    private async Task SendAsync(FuzzCaller caller, HostileRequest hostile, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(new HttpMethod(hostile.Method), new Uri(hostile.RelativeUrl, UriKind.Relative));
        if (hostile.Body is not null)
        {
            request.Content = new ByteArrayContent(hostile.Body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(hostile.ContentType!);
        }
        try
        {
            using var response = await clients[caller].SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            report.Record(caller, status);
            if (status >= 500)
            {
                report.Finding($"{status} as {caller}: {hostile}: {Excerpt(body)}");
            }
            if (status is >= 400 and < 500 && !IsErrorEnvelope(body))
            {
                report.Finding($"{status} without the error envelope as {caller}: {hostile}: '{Excerpt(body)}'");
            }
            if (LeakMarkers.FirstOrDefault(marker => body.Contains(marker, StringComparison.Ordinal)) is { } leak)
            {
                report.Finding($"leak '{leak.Trim()}' as {caller} ({status}): {hostile}: {Excerpt(body)}");
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            report.Record(caller, null);
            report.Finding($"no answer as {caller}: {hostile}: {exception.GetType().Name}: {exception.Message}");
        }
    }

    /// <summary>{"success": false, "error": {"code": "...", "message": "...", ...}}, as API.md writes every error.</summary>
    private static bool IsErrorEnvelope(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object &&
                   root.TryGetProperty("success", out var success) && success.ValueKind == JsonValueKind.False &&
                   root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object &&
                   error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String &&
                   error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Excerpt(string body) => body.Length > 200 ? body[..200] + "…" : body;
}
