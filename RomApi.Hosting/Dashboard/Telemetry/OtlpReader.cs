using Google.Protobuf;
using System.Globalization;

namespace RomApi.Hosting.Dashboard.Telemetry;

/// <summary>
/// Reads the parts of OTLP/HTTP protobuf export requests (traces, logs, metrics) that the dashboard shows, straight from the wire
/// format. Field numbers are those of opentelemetry-proto v1; fields not listed are skipped, as protobuf readers must.
/// </summary>
internal static class OtlpReader
{
    public static List<SpanRecord> ReadTraces(ReadOnlySpan<byte> body)
    {
        var spans = new List<SpanRecord>();
        // ExportTraceServiceRequest.resource_spans = 1; ResourceSpans.resource = 1, .scope_spans = 2; ScopeSpans.spans = 2
        ForEachResource(body, (service, scopeList) =>
            ForEach(scopeList, 2, scope => ForEach(scope, 2, span => spans.Add(ReadSpan(service, span)))));
        return spans;
    }

    public static List<(string Service, DateTimeOffset Time, string Severity, string Message, string? TraceId, Dictionary<string, string> Attributes)> ReadLogs(ReadOnlySpan<byte> body)
    {
        var logs = new List<(string, DateTimeOffset, string, string, string?, Dictionary<string, string>)>();
        // ExportLogsServiceRequest.resource_logs = 1; ResourceLogs.resource = 1, .scope_logs = 2; ScopeLogs.log_records = 2
        ForEachResource(body, (service, scopeList) =>
            ForEach(scopeList, 2, scope => ForEach(scope, 2, record => logs.Add(ReadLog(service, record)))));
        return logs;
    }

    public static List<MetricPoint> ReadMetrics(ReadOnlySpan<byte> body)
    {
        var points = new List<MetricPoint>();
        // ExportMetricsServiceRequest.resource_metrics = 1; ResourceMetrics.resource = 1, .scope_metrics = 2; ScopeMetrics.metrics = 2
        ForEachResource(body, (service, scopeList) =>
            ForEach(scopeList, 2, scope => ForEach(scope, 2, metric => points.AddRange(ReadMetric(service, metric)))));
        return points;
    }

    private delegate void ResourceHandler(string service, byte[] resourceMessage);
    private delegate void MessageHandler(byte[] message);

    /// <summary>Each top-level resource block with its service.name (resource attributes) and the whole block for its scopes.</summary>
    private static void ForEachResource(ReadOnlySpan<byte> body, ResourceHandler handler) =>
        ForEach(body.ToArray(), 1, block =>
        {
            var service = "unknown";
            ForEach(block, 1, resource => ForEach(resource, 1, attribute =>
            {
                var (key, value) = ReadKeyValue(attribute);
                if (key == "service.name")
                {
                    service = value;
                }
            }));
            handler(service, block);
        });

    /// <summary>Calls the handler with every length-delimited field of the given number.</summary>
    private static void ForEach(byte[] message, int fieldNumber, MessageHandler handler)
    {
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == fieldNumber && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                handler(input.ReadBytes().ToByteArray());
            }
            else
            {
                input.SkipLastField();
            }
        }
    }

    private static SpanRecord ReadSpan(string service, byte[] message)
    {
        // Span: trace_id 1, span_id 2, parent_span_id 4, name 5, kind 6, start 7 (fixed64), end 8 (fixed64), attributes 9, status 15 (code 3)
        string traceId = "", spanId = "", name = "";
        string? parent = null;
        int kind = 0, status = 0;
        ulong start = 0, end = 0;
        var attributes = new Dictionary<string, string>();
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: traceId = Convert.ToHexStringLower(input.ReadBytes().Span); break;
                case 2: spanId = Convert.ToHexStringLower(input.ReadBytes().Span); break;
                case 4: var p = input.ReadBytes(); parent = p.Length > 0 ? Convert.ToHexStringLower(p.Span) : null; break;
                case 5: name = input.ReadString(); break;
                case 6: kind = input.ReadEnum(); break;
                case 7: start = input.ReadFixed64(); break;
                case 8: end = input.ReadFixed64(); break;
                case 9: var (key, value) = ReadKeyValue(input.ReadBytes().ToByteArray()); attributes[key] = value; break;
                case 15: status = ReadStatusCode(input.ReadBytes().ToByteArray()); break;
                default: input.SkipLastField(); break;
            }
        }
        return new SpanRecord(service, traceId, spanId, parent, name, kind, FromUnixNanos(start), (end - start) / 1_000_000.0, status, attributes);
    }

    private static int ReadStatusCode(byte[] message)
    {
        var input = new CodedInputStream(message);
        uint tag;
        var code = 0;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == 3)
            {
                code = input.ReadEnum();
            }
            else
            {
                input.SkipLastField();
            }
        }
        return code;
    }

    private static (string, DateTimeOffset, string, string, string?, Dictionary<string, string>) ReadLog(string service, byte[] message)
    {
        // LogRecord: time 1 (fixed64), severity_number 2, severity_text 3, body 5 (AnyValue), attributes 6, trace_id 9, observed_time 11
        ulong time = 0, observed = 0;
        var severityNumber = 0;
        string? severityText = null, traceId = null;
        var body = "";
        var attributes = new Dictionary<string, string>();
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: time = input.ReadFixed64(); break;
                case 2: severityNumber = input.ReadEnum(); break;
                case 3: severityText = input.ReadString(); break;
                case 5: body = ReadAnyValue(input.ReadBytes().ToByteArray()); break;
                case 6: var (key, value) = ReadKeyValue(input.ReadBytes().ToByteArray()); attributes[key] = value; break;
                case 9: var t = input.ReadBytes(); traceId = t.Length > 0 ? Convert.ToHexStringLower(t.Span) : null; break;
                case 11: observed = input.ReadFixed64(); break;
                default: input.SkipLastField(); break;
            }
        }
        return (service, FromUnixNanos(time != 0 ? time : observed), severityText ?? SeverityName(severityNumber), body, traceId, attributes);
    }

    private static IEnumerable<MetricPoint> ReadMetric(string service, byte[] message)
    {
        // Metric: name 1, unit 3, gauge 5, sum 7, histogram 9 — each with data_points = 1
        string name = "", unit = "";
        var points = new List<(byte[] Point, bool Histogram)>();
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: name = input.ReadString(); break;
                case 3: unit = input.ReadString(); break;
                case 5 or 7: ForEach(input.ReadBytes().ToByteArray(), 1, point => points.Add((point, false))); break;
                case 9: ForEach(input.ReadBytes().ToByteArray(), 1, point => points.Add((point, true))); break;
                default: input.SkipLastField(); break;
            }
        }
        return points.Select(point => ReadPoint(service, name, unit, point.Point, point.Histogram));
    }

    private static MetricPoint ReadPoint(string service, string name, string unit, byte[] message, bool histogram)
    {
        // NumberDataPoint: time 3 (fixed64), as_double 4, as_int 6 (sfixed64), attributes 7.
        // HistogramDataPoint: time 3 (fixed64), count 4 (fixed64), sum 5 (double), attributes 9.
        ulong time = 0;
        double value = 0;
        long? count = null;
        var attributes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var field = WireFormat.GetTagFieldNumber(tag);
            switch (field)
            {
                case 3: time = input.ReadFixed64(); break;
                case 4 when histogram: count = (long)input.ReadFixed64(); break;
                case 4: value = input.ReadDouble(); break;
                case 5 when histogram: value = input.ReadDouble(); break;
                case 6 when !histogram: value = input.ReadSFixed64(); break;
                case 7 when !histogram:
                case 9 when histogram:
                    var (key, text) = ReadKeyValue(input.ReadBytes().ToByteArray());
                    attributes[key] = text;
                    break;
                default: input.SkipLastField(); break;
            }
        }
        var labels = string.Join(", ", attributes.Select(pair => $"{pair.Key}={pair.Value}"));
        return new MetricPoint(service, name, unit, labels, FromUnixNanos(time), value, count);
    }

    private static (string Key, string Value) ReadKeyValue(byte[] message)
    {
        // KeyValue: key 1, value 2 (AnyValue)
        string key = "", value = "";
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: key = input.ReadString(); break;
                case 2: value = ReadAnyValue(input.ReadBytes().ToByteArray()); break;
                default: input.SkipLastField(); break;
            }
        }
        return (key, value);
    }

    private static string ReadAnyValue(byte[] message)
    {
        // AnyValue: string 1, bool 2, int 3, double 4 (arrays, maps and bytes are shown as their kind)
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: return input.ReadString();
                case 2: return input.ReadBool() ? "true" : "false";
                case 3: return input.ReadInt64().ToString(CultureInfo.InvariantCulture);
                case 4: return input.ReadDouble().ToString(CultureInfo.InvariantCulture);
                case 5: input.SkipLastField(); return "[array]";
                case 6: input.SkipLastField(); return "{map}";
                default: input.SkipLastField(); break;
            }
        }
        return "";
    }

    private static DateTimeOffset FromUnixNanos(ulong nanos) => DateTimeOffset.UnixEpoch.AddTicks((long)(nanos / 100));

    private static string SeverityName(int number) => number switch
    {
        >= 21 => "Critical",
        >= 17 => "Error",
        >= 13 => "Warning",
        >= 9 => "Information",
        >= 5 => "Debug",
        >= 1 => "Trace",
        _ => "Unspecified",
    };
}
