using System.Globalization;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Microsoft.Extensions.Options;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace RomApi.SearchService.SearchIndex.Lucene;

/// <summary>
/// The embedded Lucene index of this replica: one IndexWriter (which holds the folder lock) and a SearcherManager
/// over it for near-real-time reads. Opened on host start, committed and closed on host stop, which frees the folder.
/// </summary>
public sealed partial class LuceneSearchIndex(
    IOptions<SearchIndexOptions> options,
    ILogger<LuceneSearchIndex> logger) : ISearchIndex, IHostedService, IDisposable
{
    private readonly System.Threading.Lock _gate = new();
    private OpenIndex? _index;

    public string DirectoryPath => options.Value.LuceneDirectory;

    public bool IsOpen => Volatile.Read(ref _index) is not null;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_index is not null)
            {
                return Task.CompletedTask;
            }
            System.IO.Directory.CreateDirectory(DirectoryPath);
            var folderLock = IndexFolderLock.Acquire(DirectoryPath);
            var directory = FSDirectory.Open(new DirectoryInfo(DirectoryPath));
            try
            {
                var analyzer = new FoldingAnalyzer();
                var writer = new IndexWriter(directory, new IndexWriterConfig(FoldingAnalyzer.Version, analyzer)
                {
                    OpenMode = OpenMode.CREATE_OR_APPEND,
                });
                writer.Commit(); // a fresh folder gets its first segments file, so readers can open it
                var searchers = new SearcherManager(writer, applyAllDeletes: true, searcherFactory: null);
                Volatile.Write(ref _index, new OpenIndex(folderLock, directory, analyzer, writer, searchers));
                LogOpened(logger, DirectoryPath, writer.NumDocs);
            }
            catch
            {
                directory.Dispose();
                folderLock.Dispose();
                throw;
            }
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Close();
        return Task.CompletedTask;
    }

    public void Dispose() => Close();

    public int DocumentCount() => Current().Writer.NumDocs;

    public Task<SearchIndexPage> SearchAsync(SearchIndexQuery query, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var index = Current();
        if (SafeQueryBuilder.Build(query.Text, index.Analyzer) is not { } luceneQuery)
        {
            return Task.FromResult(new SearchIndexPage(0, []));
        }

        index.Searchers.MaybeRefresh();
        var searcher = index.Searchers.Acquire();
        try
        {
            var top = searcher.Search(luceneQuery, query.Offset + query.Limit);
            var hits = top.ScoreDocs
                .Skip(query.Offset)
                .Select(scoreDoc => ToHit(searcher.Doc(scoreDoc.Doc), scoreDoc.Score))
                .ToList();
            return Task.FromResult(new SearchIndexPage(top.TotalHits, hits));
        }
        finally
        {
            index.Searchers.Release(searcher);
        }
    }

    private OpenIndex Current() =>
        Volatile.Read(ref _index) ?? throw new SearchUnavailableException("The search index is not open.");

    private void Close()
    {
        lock (_gate)
        {
            if (_index is not { } index)
            {
                return;
            }
            _index = null;
            index.Searchers.Dispose();
            // Disposing the writer commits pending changes and releases the folder lock (write.lock).
            index.Writer.Dispose();
            index.Analyzer.Dispose();
            index.Directory.Dispose();
            index.FolderLock.Dispose();
            LogClosed(logger, DirectoryPath);
        }
    }

    private static SearchIndexHit ToHit(Document document, float score) => new(
        Guid.Parse(document.Get(IndexFields.Id)),
        document.Get(IndexFields.Name) ?? "",
        document.Get(IndexFields.Slug) ?? "",
        document.Get(IndexFields.Description),
        document.Get(IndexFields.ResourceType),
        ParseGuid(document.Get(IndexFields.CategoryId)),
        document.Get(IndexFields.CategoryName),
        document.Get(IndexFields.CategorySlug),
        document.Get(IndexFields.City),
        document.Get(IndexFields.Region),
        ParseDouble(document.Get(IndexFields.Latitude)),
        ParseDouble(document.Get(IndexFields.Longitude)),
        document.Get(IndexFields.Verified) == "true",
        document.Get(IndexFields.Plan),
        score);

    private static Guid? ParseGuid(string? value) => Guid.TryParse(value, out var id) ? id : null;

    private static double? ParseDouble(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;

    private sealed record OpenIndex(IndexFolderLock FolderLock, LuceneDirectory Directory, FoldingAnalyzer Analyzer, IndexWriter Writer, SearcherManager Searchers);

    [LoggerMessage(Level = LogLevel.Information, Message = "Lucene index opened at {Directory} with {Documents} documents")]
    private static partial void LogOpened(ILogger logger, string directory, int documents);

    [LoggerMessage(Level = LogLevel.Information, Message = "Lucene index at {Directory} closed")]
    private static partial void LogClosed(ILogger logger, string directory);
}
