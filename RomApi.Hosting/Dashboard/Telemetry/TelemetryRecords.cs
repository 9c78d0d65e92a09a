namespace RomApi.Hosting.Dashboard.Telemetry;

/// <summary>A finished span as the dashboard shows it.</summary>
public sealed record SpanRecord(
    string Service,
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    int Kind,
    DateTimeOffset Start,
    double DurationMs,
    int StatusCode,
    IReadOnlyDictionary<string, string> Attributes);

/// <summary>A structured log record.</summary>
public sealed record LogRecord(
    long Sequence,
    string Service,
    DateTimeOffset Time,
    string Severity,
    string Message,
    string? TraceId,
    IReadOnlyDictionary<string, string> Attributes);

/// <summary>The latest point of one metric stream (a metric name and one set of attribute values).</summary>
public sealed record MetricPoint(
    string Service,
    string Name,
    string Unit,
    string Attributes,
    DateTimeOffset Time,
    double Value,
    long? Count);
