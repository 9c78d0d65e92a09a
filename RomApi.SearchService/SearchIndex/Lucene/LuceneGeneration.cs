using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace RomApi.SearchService.SearchIndex.Lucene;

/// <summary>One index folder: a writer, a near-real-time searcher over it, and the change-feed position it has committed.</summary>
public sealed class LuceneGeneration
{
    private const string PositionKey = "romapi.changes.position";

    private readonly System.Threading.Lock _writeGate = new();
    private readonly LuceneDirectory _directory;
    private readonly SearcherManager _searchers;
    private const long CommitIntervalMs = 1000;
    private const long CommitIntervalWhileLoadingMs = 10_000;
    private long _position;
    private long _lastCommitTicks;
    private long _lastRefreshTicks;
    private readonly HashSet<string> _addedSinceRefresh = new(StringComparer.Ordinal);

    private LuceneGeneration(string folder, string name, LuceneDirectory directory, IndexWriter writer)
    {
        Folder = folder;
        Name = name;
        _directory = directory;
        Writer = writer;
        _searchers = new SearcherManager(writer, applyAllDeletes: true, new Bm25SearcherFactory());
        Readers = new ReaderCaches(Columns);
        _position = writer.CommitData.TryGetValue(PositionKey, out var stored) &&
                    long.TryParse(stored, NumberStyles.Integer, CultureInfo.InvariantCulture, out var position) ? position : 0;
    }

    public string Folder { get; }
    public string Name { get; }
    public IndexWriter Writer { get; }
    /// <summary>The analysis of the name's unstemmed words, which suggestions complete.</summary>
    public QueryFoldingAnalyzer WordsAnalyzer { get; } = new();
    public SegmentColumnCache Columns { get; } = new();
    public ReaderCaches Readers { get; }
    public long Position => Interlocked.Read(ref _position);

    public static LuceneGeneration Open(string folder, string name)
    {
        System.IO.Directory.CreateDirectory(folder);
        var directory = FSDirectory.Open(new DirectoryInfo(folder));
        try
        {
            var writer = new IndexWriter(directory, new IndexWriterConfig(ResourceTextAnalyzer.Version, new IndexingAnalyzer())
            {
                OpenMode = OpenMode.CREATE_OR_APPEND,
                RAMBufferSizeMB = 64,
                Similarity = Bm25SearcherFactory.Similarity,
            });
            if (!DirectoryReader.IndexExists(directory))
            {
                writer.Commit(); // a fresh folder gets its first segments file, so readers can open it
            }
            return new LuceneGeneration(folder, name, directory, writer);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Upserts by id (so replays are harmless), commits with the position at most once per interval, and refreshes the searcher,
    /// at once unless more batches follow (then at most once per <see cref="RefreshIntervalWhileLoading"/>).
    /// </summary>
    public void Apply(IReadOnlyList<IndexOperation> operations, long position, LuceneDocuments documents, bool moreToCome)
    {
        lock (_writeGate)
        {
            foreach (var upsert in Upserts(operations))
            {
                Write(upsert, documents);
            }
            Interlocked.Exchange(ref _position, position);
            // Visible first, durable second: the commit's fsyncs do not delay searching what was just applied.
            if (!moreToCome || Environment.TickCount64 - _lastRefreshTicks >= (long)RefreshIntervalWhileLoading.TotalMilliseconds)
            {
                Refresh();
            }
            // The durable commit (documents and position together) happens at most once per interval, less often while a load
            // goes on. After a crash the index resumes from its last commit and replays the feed from there, harmlessly, since
            // applying is idempotent.
            if (Environment.TickCount64 - _lastCommitTicks >= (moreToCome ? CommitIntervalWhileLoadingMs : CommitIntervalMs))
            {
                Commit();
            }
        }
    }

    /// <summary>
    /// Applies the removals and returns the upserts, each marked add or update. A resource the index has never held is added, not
    /// updated: an update also buffers a delete by id, and applying those deletes at each refresh is what slowed bulk loads down.
    /// The searcher shows what was refreshed; the set remembers what was added since.
    /// </summary>
    private List<(SearchDocument Document, Term? Replaces)> Upserts(IReadOnlyList<IndexOperation> operations)
    {
        var upserts = new List<(SearchDocument, Term?)>(operations.Count);
        var searcher = _searchers.Acquire();
        try
        {
            foreach (var operation in operations)
            {
                var key = operation.Id.ToString();
                var id = new Term(IndexFields.Id, key);
                if (operation is UpsertDocument upsert)
                {
                    upserts.Add((upsert.Document, _addedSinceRefresh.Contains(key) || searcher.IndexReader.DocFreq(id) > 0 ? id : null));
                    _addedSinceRefresh.Add(key);
                }
                else
                {
                    Writer.DeleteDocuments(id);
                }
            }
        }
        finally
        {
            _searchers.Release(searcher);
        }
        return upserts;
    }

    private void Write((SearchDocument Document, Term? Replaces) upsert, LuceneDocuments documents)
    {
        var document = documents.ToLucene(upsert.Document);
        if (upsert.Replaces is { } id)
        {
            Writer.UpdateDocument(id, document);
        }
        else
        {
            Writer.AddDocument(document);
        }
    }

    /// <summary>During a bulk load the searcher is refreshed this often; the last batch of a load is visible at once. Each refresh
    /// writes a segment that merges cost more CPU later, so refreshing more often made the index fall further behind a large
    /// ingest without making it fresher (bench/RESULTS.md has the figures).</summary>
    public static readonly TimeSpan RefreshIntervalWhileLoading = TimeSpan.FromSeconds(2);

    /// <summary>Makes everything applied so far durable and visible (before a rebuilt generation goes live).</summary>
    public void Flush()
    {
        lock (_writeGate)
        {
            Commit();
            Refresh();
        }
    }

    private void Refresh()
    {
        _searchers.MaybeRefreshBlocking();
        _addedSinceRefresh.Clear();
        _lastRefreshTicks = Environment.TickCount64;
    }

    private void Commit()
    {
        Writer.SetCommitData(new Dictionary<string, string> { [PositionKey] = Position.ToString(CultureInfo.InvariantCulture) });
        Writer.Commit();
        _lastCommitTicks = Environment.TickCount64;
    }

    public T WithSearcher<T>(Func<IndexSearcher, T> search)
    {
        var searcher = _searchers.Acquire();
        try
        {
            return search(searcher);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    public void Dispose(bool deleteFolder)
    {
        lock (_writeGate)
        {
            if (!deleteFolder)
            {
                Commit();
            }
            _searchers.Dispose();
            Writer.Dispose();
            WordsAnalyzer.Dispose();
            _directory.Dispose();
            if (deleteFolder && System.IO.Directory.Exists(Folder))
            {
                System.IO.Directory.Delete(Folder, recursive: true);
            }
        }
    }
}
