namespace RomApi.Hosting.Dashboard.Telemetry;

/// <summary>The telemetry the services export to the dashboard over OTLP, kept in memory within fixed bounds.</summary>
public sealed class TelemetryStore(int capacity = 5000)
{
    private readonly Lock _gate = new();
    private readonly Queue<SpanRecord> _spans = new();
    private readonly Queue<LogRecord> _logs = new();
    private readonly Dictionary<(string Service, string Name, string Attributes), MetricPoint> _metrics = [];
    private long _nextLog = 1;

    public void AddSpans(IEnumerable<SpanRecord> spans)
    {
        lock (_gate)
        {
            foreach (var span in spans)
            {
                Bounded(_spans, span);
            }
        }
    }

    public void AddLogs(IEnumerable<(string Service, DateTimeOffset Time, string Severity, string Message, string? TraceId, Dictionary<string, string> Attributes)> logs)
    {
        lock (_gate)
        {
            foreach (var log in logs)
            {
                Bounded(_logs, new LogRecord(_nextLog++, log.Service, log.Time, log.Severity, log.Message, log.TraceId, log.Attributes));
            }
        }
    }

    public void AddMetrics(IEnumerable<MetricPoint> points)
    {
        lock (_gate)
        {
            foreach (var point in points)
            {
                var key = (point.Service, point.Name, point.Attributes);
                if (_metrics.Count < capacity || _metrics.ContainsKey(key))
                {
                    _metrics[key] = point;
                }
            }
        }
    }

    /// <summary>Traces, newest first: each root span with the number of spans that share its trace.</summary>
    public IReadOnlyList<object> Traces(string? service, int max)
    {
        lock (_gate)
        {
            return _spans.GroupBy(span => span.TraceId)
                .Select(trace => new
                {
                    TraceId = trace.Key,
                    Root = trace.FirstOrDefault(span => span.ParentSpanId is null || trace.All(other => other.SpanId != span.ParentSpanId)) ?? trace.First(),
                    Spans = trace.OrderBy(span => span.Start).ToArray(),
                })
                .Where(trace => service is null || trace.Spans.Any(span => span.Service == service))
                .OrderByDescending(trace => trace.Root.Start)
                .Take(max)
                .Select(trace => (object)new
                {
                    trace.TraceId,
                    trace.Root.Name,
                    Services = trace.Spans.Select(span => span.Service).Distinct().ToArray(),
                    trace.Root.Start,
                    trace.Root.DurationMs,
                    Error = trace.Spans.Any(span => span.StatusCode == 2),
                    trace.Spans,
                })
                .ToArray();
        }
    }

    public IReadOnlyList<LogRecord> Logs(string? service, long after, int max)
    {
        lock (_gate)
        {
            return _logs.Where(log => log.Sequence > after && (service is null || log.Service == service)).Take(max).ToArray();
        }
    }

    public IReadOnlyList<MetricPoint> Metrics(string? service)
    {
        lock (_gate)
        {
            return _metrics.Values.Where(point => service is null || point.Service == service)
                .OrderBy(point => point.Service).ThenBy(point => point.Name).ThenBy(point => point.Attributes).ToArray();
        }
    }

    private void Bounded<T>(Queue<T> queue, T item)
    {
        queue.Enqueue(item);
        while (queue.Count > capacity)
        {
            queue.Dequeue();
        }
    }
}
