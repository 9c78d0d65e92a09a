// Where the search service's indexing CPU goes, per 100,000 resources, on the Lucene engine in process: the processor time
// (not wall time, so another process on the machine changes it little) of each step the indexer takes for a bulk load:
// reading feed pages (JSON -> ApiResourceDto -> SearchDocument), building Lucene documents, and applying pages as the indexer does.
// Usage: dotnet run -c Release -- <shared-data-dir> [documents=100000] [page=1000]
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RomApi.Contracts;
using RomApi.Contracts.Changes;
using RomApi.Contracts.Resources;
using RomApi.SearchService.Analysis;
using RomApi.SearchService.Indexing;
using RomApi.SearchService.SearchIndex;
using RomApi.SearchService.SearchIndex.Lucene;

var dataDir = args[0];
var target = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
var pageSize = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000;
var pages = FeedPages.Build(dataDir, target, pageSize);
Console.WriteLine($"{target} resources in feed pages of {pageSize}; {Environment.ProcessorCount} cores; load average {File.ReadAllText("/proc/loadavg")[..14]}");

var snapshots = Measure("feed page JSON -> SearchDocument", () => pages.SelectMany(page =>
    JsonSerializer.Deserialize<ChangeFeedPage<ApiResourceDto>>(page, ContractJson.Options)!.Data.Select(ChangeOperations.ToOperation)).ToList());
var synonyms = CategorySynonyms.LoadEmbedded();
var documents = new LuceneDocuments(synonyms);
Measure("SearchDocument -> Lucene document", () => snapshots.OfType<UpsertDocument>().Select(u => documents.ToLucene(u.Document)).ToList());

var folder = Path.Combine(Path.GetTempPath(), "romapi-index-cost-" + Guid.NewGuid().ToString("N"));
var index = new LuceneSearchIndex(Options.Create(new SearchIndexOptions { Engine = SearchEngineKind.Lucene, LuceneDirectory = folder }),
    documents, NullLogger<LuceneSearchIndex>.Instance);
await index.StartAsync(CancellationToken.None);
var batches = snapshots.Chunk(pageSize).ToList();
await MeasureAsync("apply pages as the indexer does (analysis, writes, commits, refreshes)", async () =>
{
    for (var i = 0; i < batches.Count; i++)
    {
        await index.ApplyAsync(batches[i], i + 1, moreToCome: i < batches.Count - 1, CancellationToken.None);
    }
});
await index.StopAsync(CancellationToken.None);
Directory.Delete(folder, recursive: true);
return;

T Measure<T>(string step, Func<T> work)
{
    var (cpu, wall) = (Process.GetCurrentProcess().TotalProcessorTime, Stopwatch.StartNew());
    var result = work();
    Report(step, Process.GetCurrentProcess().TotalProcessorTime - cpu, wall.Elapsed);
    return result;
}

async Task MeasureAsync(string step, Func<Task> work)
{
    var (cpu, wall) = (Process.GetCurrentProcess().TotalProcessorTime, Stopwatch.StartNew());
    await work();
    Report(step, Process.GetCurrentProcess().TotalProcessorTime - cpu, wall.Elapsed);
}

void Report(string step, TimeSpan cpu, TimeSpan wall) =>
    Console.WriteLine($"| {step} | {cpu.TotalSeconds:F2} s | {wall.TotalSeconds:F2} s | {target / cpu.TotalSeconds:F0} |");

static class FeedPages
{
    /// <summary>The shared OSM places replicated with varied names, as the resource service's feed serves them (UTF-8 JSON pages).</summary>
    public static List<byte[]> Build(string dataDir, int target, int pageSize)
    {
        var osm = File.ReadLines(Path.Combine(dataDir, "osm-pois-cm.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var suffixes = new[] { "", "Centre", "du Marché", "Express", "Plus", "de la Gare", "Saint-Michel", "Akwa", "Bonapriso", "Mvog-Mbi", "Bastos", "Nord" };
        var events = Enumerable.Range(0, target).Select(i =>
        {
            var row = osm[i % osm.Count];
            var copy = i / osm.Count;
            var label = row.GetProperty("category_label_fr").GetString() ?? row.GetProperty("category_value").GetString();
            var city = row.GetProperty("city").GetString();
            var id = Guid.CreateVersion7();
            var at = DateTimeOffset.UnixEpoch.AddMinutes(i);
            var resource = new ApiResourceDto(id, null, null,
                copy == 0 ? row.GetProperty("name").GetString()! : $"{row.GetProperty("name").GetString()} {suffixes[copy % suffixes.Length]} {copy}",
                $"s-{i}", $"{label}{(city is null ? "" : " à " + city)}. Source : OpenStreetMap (ODbL).", ResourceType.Business, null,
                new CategorySummaryDto(Guid.Empty, label!, "c"),
                new AddressDto(null, null, city, row.GetProperty("region").GetString(), null, "CM", row.GetProperty("lat").GetDouble(), row.GetProperty("lon").GetDouble()),
                new ContactDto(null, null, null), ResourceStatus.Active, ResourcePlan.Free, false, new SeoDto(null, null), [], [], at, at, at);
            return new ChangeEvent<ApiResourceDto>(i + 1L, ChangeType.Created, id, at, resource);
        });
        return events.Chunk(pageSize).Select(page => JsonSerializer.SerializeToUtf8Bytes(
            new ChangeFeedPage<ApiResourceDto>(page, new ChangeFeedMeta(page[^1].Sequence)), ContractJson.Options)).ToList();
    }
}
