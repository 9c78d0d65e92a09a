using System.Threading.Channels;

namespace RomApi.Gateway.Edge;

/// <summary>One answered request, as the request log line tells it.</summary>
public readonly record struct RequestLogEntry(string Method, string Path, int Status, double ElapsedMs, string Caller, string RequestId);

/// <summary>
/// Writes the request log lines off the request path: formatting a console line with its scopes on the request thread cost the
/// gateway a quarter of its throughput. Lines wait in a bounded buffer; if the console cannot keep up, the excess is counted and
/// reported instead of slowing every request down.
/// </summary>
public sealed partial class RequestLogWriter(ILogger<RequestLogWriter> logger) : BackgroundService
{
    private const int Capacity = 50_000;
    private readonly Channel<RequestLogEntry> _lines = Channel.CreateBounded<RequestLogEntry>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
    private long _dropped;

    public void Write(RequestLogEntry entry)
    {
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }
        if (!_lines.Writer.TryWrite(entry))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _lines.Reader.WaitToReadAsync(stoppingToken))
            {
                WriteAvailable();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        // The lines of the last requests before shutdown.
        WriteAvailable();
    }

    private void WriteAvailable()
    {
        while (_lines.Reader.TryRead(out var line))
        {
            LogRequest(logger, line.Method, line.Path, line.Status, line.ElapsedMs, line.Caller, line.RequestId);
        }
        if (Interlocked.Exchange(ref _dropped, 0) is > 0 and var dropped)
        {
            LogDropped(logger, dropped);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} -> {Status} in {ElapsedMs:F1} ms by {Caller} (request {RequestId})")]
    private static partial void LogRequest(ILogger logger, string method, string path, int status, double elapsedMs, string caller, string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} request log lines were dropped: the console could not keep up")]
    private static partial void LogDropped(ILogger logger, long count);
}
