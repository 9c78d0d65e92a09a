using System.Text.Unicode;
using System.Threading.Channels;

namespace RomApi.Gateway.Edge;

/// <summary>One answered request, as the request log line tells it.</summary>
public readonly record struct RequestLogEntry(
    DateTimeOffset At, string Method, string Path, int Status, double ElapsedMs, string Caller, string RequestId);

/// <summary>
/// Writes the request log off the request path, the way nginx writes its access log: lines wait in a bounded buffer and go to
/// standard output in blocks (one write per block of up to 4 KB, whole lines only, so they never interleave with other log
/// lines). The console logger writes and flushes one line at a time under a lock, which every request would wait on; sending
/// every line over OTLP too would double that work, so a log collector (or the dashboard's console view) reads them from
/// standard output. If the output cannot keep up, the excess is counted and reported instead of slowing requests. Lines are
/// formatted straight into a UTF-8 block (no string per line), and the writer drains the buffer at most every
/// <see cref="DrainInterval"/>: waking it for every line would cost a thread wake-up per request on a busy gateway.
/// </summary>
public sealed class RequestLogWriter(IOptions<EdgeOptions> options, TimeProvider time) : BackgroundService
{
    public const string Category = "RomApi.Gateway.RequestLog";
    private const int Capacity = 50_000;
    private const int BlockBytes = 4096;
    private readonly Channel<RequestLogEntry> _lines = Channel.CreateBounded<RequestLogEntry>(
        // Wait, not DropWrite: TryWrite never waits either way, but only in Wait mode does it say false (so the drop is counted).
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private static readonly TimeSpan DrainInterval = TimeSpan.FromMilliseconds(50);
    // Room for a block and one whole line past it: the longest request line Kestrel accepts, in UTF-8.
    private readonly byte[] _block = new byte[BlockBytes + 32 * 1024];
    private int _length;
    private long _dropped;

    public bool Enabled => options.Value.RequestLog;

    public static void AddTo(IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RequestLogWriter>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RequestLogWriter>());
    }

    public void Write(RequestLogEntry entry)
    {
        if (!_lines.Writer.TryWrite(entry))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var output = Console.OpenStandardOutput();
        try
        {
            while (await _lines.Reader.WaitToReadAsync(stoppingToken))
            {
                await WriteAvailableAsync(output, stoppingToken);
                await Task.Delay(DrainInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        // The lines of the last requests before shutdown.
        await WriteAvailableAsync(output, CancellationToken.None);
    }

    private async Task WriteAvailableAsync(Stream output, CancellationToken cancellationToken)
    {
        while (_lines.Reader.TryRead(out var line))
        {
            if (!TryFormat(_block.AsSpan(_length), line, out var written))
            {
                await FlushAsync(output, cancellationToken);
                // A line longer than the whole buffer cannot be a request Kestrel accepted; it is left out rather than cut.
                TryFormat(_block, line, out written);
            }
            _length += written;
            if (_length >= BlockBytes)
            {
                await FlushAsync(output, cancellationToken);
            }
        }
        if (Interlocked.Exchange(ref _dropped, 0) is > 0 and var dropped)
        {
            await FlushAsync(output, cancellationToken);
            var warning = Timestamp(time.GetUtcNow()) + "warn: " + Category +
                string.Create(CultureInfo.InvariantCulture, $"[0] {dropped} request log lines were dropped: the output could not keep up\n");
            _length = Encoding.UTF8.GetBytes(warning, _block);
        }
        await FlushAsync(output, cancellationToken);
    }

    private async Task FlushAsync(Stream output, CancellationToken cancellationToken)
    {
        if (_length == 0)
        {
            return;
        }
        await output.WriteAsync(_block.AsMemory(0, _length), cancellationToken);
        _length = 0;
    }

    // The console logger's single-line layout, so the lines read like the rest of the service's log.
    internal static bool TryFormat(Span<byte> destination, in RequestLogEntry line, out int written) =>
        Utf8.TryWrite(destination, CultureInfo.InvariantCulture,
            $"{line.At:HH:mm:ss.fff} info: {Category}[0] {line.Method} {line.Path} -> {line.Status} in {line.ElapsedMs:F1} ms by {line.Caller} (request {line.RequestId})\n",
            out written);

    private static string Timestamp(DateTimeOffset at) => at.ToString("HH:mm:ss.fff ", CultureInfo.InvariantCulture);
}
