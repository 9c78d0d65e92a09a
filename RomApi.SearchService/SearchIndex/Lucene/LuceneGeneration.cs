using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
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
        _position = writer.CommitData.TryGetValue(PositionKey, out var stored) &&
                    long.TryParse(stored, NumberStyles.Integer, CultureInfo.InvariantCulture, out var position) ? position : 0;
    }

    public string Folder { get; }
    public string Name { get; }
    public IndexWriter Writer { get; }
    public ResourceTextAnalyzer TextAnalyzer { get; } = new();
    public FoldingAnalyzer FoldingAnalyzer { get; } = new();
    public SegmentColumnCache Columns { get; } = new();
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
            var searcher = _searchers.Acquire();
            try
            {
                foreach (var operation in operations)
                {
                    var key = operation.Id.ToString();
                    var id = new Term(IndexFields.Id, key);
                    if (operation is UpsertDocument upsert)
                    {
                        // A resource the index has never held is added, not updated: an update also buffers a delete by id,
                        // and applying those deletes at each refresh is what slowed bulk loads down. The searcher shows what
                        // was refreshed; the set remembers what was added since.
                        if (_addedSinceRefresh.Contains(key) || searcher.IndexReader.DocFreq(id) > 0)
                        {
                            Writer.UpdateDocument(id, documents.ToLucene(upsert.Document));
                        }
                        else
                        {
                            Writer.AddDocument(documents.ToLucene(upsert.Document));
                        }
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
            Interlocked.Exchange(ref _position, position);
            // The durable commit (documents and position together) happens at most once per interval, which keeps bulk
            // indexing fast. After a crash the index resumes from its last commit and replays the feed from there, harmlessly,
            // since applying is idempotent.
            if (Environment.TickCount64 - _lastCommitTicks >= CommitIntervalMs)
            {
                Commit();
            }
            if (!moreToCome || Environment.TickCount64 - _lastRefreshTicks >= (long)RefreshIntervalWhileLoading.TotalMilliseconds)
            {
                Refresh();
            }
        }
    }

    /// <summary>During a bulk load the searcher is refreshed this often; the last batch of a load is visible at once.</summary>
    public static readonly TimeSpan RefreshIntervalWhileLoading = TimeSpan.FromSeconds(1);

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
            TextAnalyzer.Dispose();
            FoldingAnalyzer.Dispose();
            _directory.Dispose();
            if (deleteFolder && System.IO.Directory.Exists(Folder))
            {
                System.IO.Directory.Delete(Folder, recursive: true);
            }
        }
    }
}

/// <summary>Searchers that score with BM25 (Lucene 4.8's default is TF-IDF), as the index writer computes its norms.</summary>
internal sealed class Bm25SearcherFactory : SearcherFactory
{
    public static readonly BM25Similarity Similarity = new();

    public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = Similarity };
}
