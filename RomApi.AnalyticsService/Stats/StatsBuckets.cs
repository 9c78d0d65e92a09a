namespace RomApi.AnalyticsService.Stats;

/// <summary>Lays query rows onto every bucket of the range, the empty ones with zero counts. Pure.</summary>
public static class StatsBuckets
{
    public static (IReadOnlyList<StatsBucketDto> Buckets, IReadOnlyDictionary<string, long> Totals) Fill(
        DateTimeOffset from, DateTimeOffset to, StatsInterval interval, IReadOnlyList<StatsRow> rows)
    {
        var types = EventTypes.ResourceEvents.Concat(rows.Select(r => r.EventType)).Distinct().ToList();
        var byBucket = rows.ToLookup(r => r.BucketStart.ToUniversalTime());
        var totals = types.ToDictionary(t => t, _ => 0L);
        var buckets = new List<StatsBucketDto>();
        for (var start = from; start < to; start = HourBuckets.Next(start, interval))
        {
            var counts = types.ToDictionary(t => t, _ => 0L);
            foreach (var row in byBucket[start])
            {
                counts[row.EventType] += row.Count;
                totals[row.EventType] += row.Count;
            }
            buckets.Add(new StatsBucketDto(start, counts));
        }
        return (buckets, totals);
    }
}
