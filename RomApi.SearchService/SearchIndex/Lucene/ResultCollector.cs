using Lucene.Net.Index;
using Lucene.Net.Search;

namespace RomApi.SearchService.SearchIndex.Lucene;

/// <summary>
/// One pass over every match: drops those outside the exact radius (the query only applied a bounding box),
/// counts facets over the whole result set, and keeps the best offset+limit hits in the requested order.
/// Equal keys are ordered by a per-resource number, so paging is stable.
/// </summary>
public sealed class ResultCollector(SearchIndexQuery request, SegmentColumnCache columns) : ICollector
{
    private readonly int _keep = request.Offset + request.Limit;
    private readonly PriorityQueue<Candidate, Candidate> _best = new(WorstFirst.Instance);
    private readonly Dictionary<string, long> _categories = new();
    private readonly Dictionary<string, long> _cities = new();
    private readonly Dictionary<string, long> _types = new();
    private Candidate _worst;
    private Scorer? _scorer;
    private int _docBase;
    private SegmentColumns? _columns;
    private SegmentFacet? _categoryFacet, _cityFacet, _typeFacet;

    public long Total { get; private set; }

    public bool AcceptsDocsOutOfOrder => false;

    public void SetScorer(Scorer scorer) => _scorer = scorer;

    public void SetNextReader(AtomicReaderContext context)
    {
        FlushFacets();
        var reader = context.AtomicReader;
        _docBase = context.DocBase;
        _columns = columns.For(reader);
        _categoryFacet = SegmentFacet.Open(_columns.Category, _columns.CategoryLabels, _categories);
        _cityFacet = SegmentFacet.Open(_columns.City, _columns.CityLabels, _cities);
        _typeFacet = SegmentFacet.Open(_columns.ResourceType, _columns.ResourceTypeLabels, _types);
    }

    public void Collect(int doc)
    {
        double? distance = null;
        if (request.Geo is { } geo)
        {
            var lat = _columns!.Latitude[doc];
            var lon = _columns.Longitude[doc];
            var located = !double.IsNaN(lat) && !double.IsNaN(lon);
            if (located)
            {
                distance = Haversine.DistanceKm(geo.Latitude, geo.Longitude, lat, lon);
            }
            if (geo.RadiusKm is { } radiusKm && (!located || distance > radiusKm))
            {
                return;
            }
        }
        Total++;
        _categoryFacet?.Count(doc);
        _cityFacet?.Count(doc);
        _typeFacet?.Count(doc);

        if (_keep == 0)
        {
            return;
        }
        var score = _scorer?.GetScore() ?? 0;
        var key = SortKey(doc, score, distance);
        var tieBreak = _columns!.TieBreak[doc];
        if (_best.Count < _keep)
        {
            var candidate = new Candidate(_docBase + doc, score, distance, key, tieBreak);
            _best.Enqueue(candidate, candidate);
            _worst = _best.Peek();
        }
        // Most matches of a large result do not beat the page's worst: compared before anything is built.
        else if (WorstFirst.Compare(key, tieBreak, _worst.Key, _worst.TieBreak) > 0)
        {
            var candidate = new Candidate(_docBase + doc, score, distance, key, tieBreak);
            _best.EnqueueDequeue(candidate, candidate);
            _worst = _best.Peek();
        }
    }

    /// <summary>The requested page, best first.</summary>
    public IReadOnlyList<Candidate> Page()
    {
        var ordered = new List<Candidate>(_best.Count);
        while (_best.TryDequeue(out var candidate, out _))
        {
            ordered.Add(candidate);
        }
        ordered.Reverse();
        return ordered.Skip(request.Offset).ToList();
    }

    public SearchFacets Facets()
    {
        FlushFacets();
        return SearchFacets.Of(Total, Top(_categories), Top(_cities), Top(_types));
    }

    private void FlushFacets()
    {
        _categoryFacet?.Flush();
        _cityFacet?.Flush();
        _typeFacet?.Flush();
        _categoryFacet = _cityFacet = _typeFacet = null;
    }

    /// <summary>Bigger is better: score, or nearer, or newer, depending on the sort.</summary>
    private double SortKey(int doc, float score, double? distance) => request.Sort switch
    {
        SearchSort.Distance => distance is { } km ? -km : double.NegativeInfinity,
        SearchSort.Newest => _columns!.Published[doc],
        _ => score,
    };

    private List<FacetCount> Top(Dictionary<string, long> counts) =>
        counts.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Take(request.FacetSize).Select(pair => new FacetCount(pair.Key, pair.Value)).ToList();

    public readonly record struct Candidate(int Doc, float Score, double? DistanceKm, double Key, long TieBreak);

    /// <summary>Orders candidates worst first, so the queue's head is the one to drop.</summary>
    private sealed class WorstFirst : IComparer<Candidate>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare(Candidate x, Candidate y) => Compare(x.Key, x.TieBreak, y.Key, y.TieBreak);

        public static int Compare(double xKey, long xTieBreak, double yKey, long yTieBreak)
        {
            var byKey = xKey.CompareTo(yKey);
            return byKey != 0 ? byKey : yTieBreak.CompareTo(xTieBreak);
        }
    }

    /// <summary>Per-segment ordinal counts (from the cached ordinals), added to the totals by label once per segment.</summary>
    private sealed class SegmentFacet(int[] ords, string[] labels, Dictionary<string, long> totals)
    {
        private readonly int[] _counts = new int[labels.Length];

        public static SegmentFacet? Open(int[] ords, string[] labels, Dictionary<string, long> totals) =>
            labels.Length > 0 ? new SegmentFacet(ords, labels, totals) : null;

        public void Count(int doc)
        {
            var ord = ords[doc];
            if (ord >= 0)
            {
                _counts[ord]++;
            }
        }

        public void Flush()
        {
            for (var ord = 0; ord < _counts.Length; ord++)
            {
                if (_counts[ord] > 0)
                {
                    var key = labels[ord];
                    totals[key] = totals.GetValueOrDefault(key) + _counts[ord];
                }
            }
        }
    }
}
