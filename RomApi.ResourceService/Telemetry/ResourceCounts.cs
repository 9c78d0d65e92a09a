using System.Diagnostics.Metrics;

namespace RomApi.ResourceService.Telemetry;

/// <summary>The latest counts of resources by status, plan and type, refreshed in the background so a scrape never queries the database.</summary>
public sealed class ResourceCounts
{
    private volatile IReadOnlyList<Measurement<long>> _current = [];

    public void Replace(IEnumerable<(string Status, string Plan, string Type, long Count)> rows) =>
        _current = rows.Select(row => new Measurement<long>(row.Count,
            new KeyValuePair<string, object?>("status", row.Status),
            new KeyValuePair<string, object?>("plan", row.Plan),
            new KeyValuePair<string, object?>("type", row.Type))).ToList();

    public IEnumerable<Measurement<long>> Observe() => _current;
}
