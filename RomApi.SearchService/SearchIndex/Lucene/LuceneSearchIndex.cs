using Lucene.Net.Index;
using Lucene.Net.Search;

namespace RomApi.SearchService.SearchIndex.Lucene;

/// <summary>
/// The embedded Lucene index of this replica. The replica's folder holds generations (gen-1, gen-2...) and a "current"
/// file naming the live one; a rebuild fills the next generation while searches use the live one, then swaps the
/// reference in one step and rewrites "current". The change-feed position is committed with the documents (commit data).
/// </summary>
public sealed partial class LuceneSearchIndex(
    IOptions<SearchIndexOptions> options,
    LuceneDocuments documents,
    ILogger<LuceneSearchIndex> logger,
    LuceneVocabulary? vocabulary = null) : ISearchIndex, IHostedService, IDisposable
{
    private const string CurrentFile = "current";
    private static readonly TimeSpan RetiredGenerationGrace = TimeSpan.FromSeconds(30);

    private readonly System.Threading.Lock _gate = new();
    private IndexFolderLock? _folderLock;
    private readonly QueryPlanner _planner = new(new MinimumShouldMatch(options.Value.MinimumShouldMatch));
    private LuceneGeneration? _live;
    private readonly LuceneVocabulary _vocabulary = vocabulary ?? LuceneVocabulary.CreateDefault();

    public string DirectoryPath => options.Value.LuceneDirectory;

    private LuceneDocuments Documents => documents;

    public bool IsOpen => Volatile.Read(ref _live) is not null;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_live is not null)
            {
                return Task.CompletedTask;
            }
            Directory.CreateDirectory(DirectoryPath);
            _folderLock = IndexFolderLock.Acquire(DirectoryPath);
            var currentPath = Path.Combine(DirectoryPath, CurrentFile);
            var name = File.Exists(currentPath) ? File.ReadAllText(currentPath).Trim() : "gen-1";
            DeleteGenerationsExcept(name);
            var live = LuceneGeneration.Open(Path.Combine(DirectoryPath, name), name);
            File.WriteAllText(currentPath, name);
            Volatile.Write(ref _live, live);
            LogOpened(logger, live.Folder, live.Writer.NumDocs, live.Position);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Close();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        Close();
        _planner.Dispose();
    }

    public Task<long> CountAsync(CancellationToken cancellationToken) => Task.FromResult((long)Live().Writer.NumDocs);

    public Task<long> ReadPositionAsync(CancellationToken cancellationToken) => Task.FromResult(Live().Position);

    public Task ApplyAsync(IReadOnlyList<IndexOperation> operations, long position, bool moreToCome, CancellationToken cancellationToken)
    {
        Live().Apply(operations, position, documents, moreToCome);
        return Task.CompletedTask;
    }

    public Task<SearchIndexPage> SearchAsync(SearchIndexQuery query, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var live = Live();
        return Task.FromResult(live.WithSearcher(searcher =>
        {
            // The planner's "does the index hold this word" and the query's term look-ups share the reader's cached term statistics.
            var cache = live.Readers.For(searcher.IndexReader);
            return cache.Page(query, () =>
                _planner.Plan(query.Text, _vocabulary.For(searcher.IndexReader),
                    stem => IndexFields.FullText.Any(field => cache.DocFreq(new Term(field.Field, stem)) > 0)) is { } plan
                    ? Search(searcher, live, cache, plan, query)
                    : new SearchIndexPage(0, [], SearchFacets.Empty));
        }));
    }

    private static SearchIndexPage Search(IndexSearcher searcher, LuceneGeneration live, ReaderCache cache, QueryPlan plan, SearchIndexQuery query)
    {
        var understood = plan;
        var collector = new ResultCollector(query, live.Columns);
        searcher.Search(LuceneQueryBuilder.Build(plan, query, cache), collector);
        // Nothing for the what in the where: the what anywhere, and meta.place says so.
        if (collector.Total == 0 && plan.Fallback() is { } fallback)
        {
            plan = fallback;
            collector = new ResultCollector(query, live.Columns);
            searcher.Search(LuceneQueryBuilder.Build(plan, query, cache), collector);
        }
        if (plan.Relaxed(collector.Total) is { } relaxed)
        {
            collector = new ResultCollector(query, live.Columns);
            searcher.Search(LuceneQueryBuilder.Build(relaxed, query, cache), collector);
        }
        var leaves = searcher.IndexReader.Leaves;
        var hits = collector.Page()
            .Select(hit =>
            {
                var leaf = leaves[ReaderUtil.SubIndex(hit.Doc, leaves)];
                var document = live.Columns.For(leaf.AtomicReader).Document(leaf.AtomicReader, hit.Doc - leaf.DocBase);
                return new SearchIndexHit(document, hit.Score, hit.DistanceKm is { } km ? Math.Round(km, 3) : null);
            })
            .ToList();
        return new SearchIndexPage(collector.Total, hits, collector.Facets(), QueryUnderstanding.Of(understood, plan));
    }

    public Task<IReadOnlyList<SuggestionHit>> SuggestAsync(string prefix, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var live = Live();
        if (SuggestQueryBuilder.Build(prefix, live.WordsAnalyzer) is not { } luceneQuery)
        {
            return Task.FromResult<IReadOnlyList<SuggestionHit>>([]);
        }
        return Task.FromResult<IReadOnlyList<SuggestionHit>>(live.WithSearcher(searcher =>
            searcher.Search(luceneQuery, limit * 5).ScoreDocs
                .Select(scoreDoc => (scoreDoc.Score, Document: searcher.Doc(scoreDoc.Doc)))
                .Select(hit => (hit.Score, Id: Guid.Parse(hit.Document.Get(IndexFields.Id)), Name: hit.Document.Get(IndexFields.Name),
                    Slug: hit.Document.Get(IndexFields.Slug)))
                // Among equal scores the shorter name is the closer completion.
                .OrderByDescending(hit => hit.Score).ThenBy(hit => hit.Name.Length).ThenBy(hit => hit.Name, StringComparer.Ordinal)
                .Take(limit)
                .Select(hit => new SuggestionHit(hit.Id, hit.Name, hit.Slug))
                .ToList()));
    }

    public Task<IIndexBuild> BeginRebuildAsync(CancellationToken cancellationToken)
    {
        var live = Live();
        var next = int.Parse(live.Name["gen-".Length..], CultureInfo.InvariantCulture) + 1;
        var name = $"gen-{next}";
        var folder = Path.Combine(DirectoryPath, name);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true); // an abandoned earlier rebuild
        }
        return Task.FromResult<IIndexBuild>(new Build(this, LuceneGeneration.Open(folder, name)));
    }

    private void SwapIn(LuceneGeneration built)
    {
        LuceneGeneration retired;
        lock (_gate)
        {
            retired = _live ?? throw new SearchUnavailableException("The search index is not open.");
            var currentPath = Path.Combine(DirectoryPath, CurrentFile);
            File.WriteAllText(currentPath + ".tmp", built.Name);
            File.Move(currentPath + ".tmp", currentPath, overwrite: true);
            Volatile.Write(ref _live, built);
        }
        LogSwapped(logger, built.Name, built.Writer.NumDocs, built.Position);
        // Searches that started on the retired generation finish before it closes.
        _ = Task.Delay(RetiredGenerationGrace).ContinueWith(_ => retired.Dispose(deleteFolder: true), TaskScheduler.Default);
    }

    private LuceneGeneration Live() =>
        Volatile.Read(ref _live) ?? throw new SearchUnavailableException("The search index is not open.");

    private void DeleteGenerationsExcept(string keep)
    {
        foreach (var folder in Directory.EnumerateDirectories(DirectoryPath, "gen-*"))
        {
            if (Path.GetFileName(folder) != keep)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private void Close()
    {
        lock (_gate)
        {
            if (_live is not { } live)
            {
                return;
            }
            _live = null;
            live.Dispose(deleteFolder: false);
            _folderLock?.Dispose();
            _folderLock = null;
            LogClosed(logger, DirectoryPath);
        }
    }

    private sealed class Build(LuceneSearchIndex owner, LuceneGeneration generation) : IIndexBuild
    {
        private bool _swapped;

        public Task ApplyAsync(IReadOnlyList<IndexOperation> operations, long position, CancellationToken cancellationToken)
        {
            // Nothing searches a build before it is swapped in (which refreshes it): no refresh per batch.
            generation.Apply(operations, position, owner.Documents, moreToCome: true);
            return Task.CompletedTask;
        }

        public Task SwapInAsync(CancellationToken cancellationToken)
        {
            generation.Flush();
            owner.SwapIn(generation);
            _swapped = true;
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            if (!_swapped)
            {
                generation.Dispose(deleteFolder: true);
            }
            return ValueTask.CompletedTask;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Lucene index opened at {Directory} with {Documents} documents at change {Position}")]
    private static partial void LogOpened(ILogger logger, string directory, int documents, long position);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuilt index {Generation} swapped in with {Documents} documents at change {Position}")]
    private static partial void LogSwapped(ILogger logger, string generation, int documents, long position);

    [LoggerMessage(Level = LogLevel.Information, Message = "Lucene index at {Directory} closed")]
    private static partial void LogClosed(ILogger logger, string directory);
}
