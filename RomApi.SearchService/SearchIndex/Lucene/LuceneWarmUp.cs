namespace RomApi.SearchService.SearchIndex.Lucene;

/// <summary>
/// Soon after start, indexes throw-away documents into a throw-away folder, page by page as the indexer does (refreshes, flushes
/// and a merge included), then deletes it. Lucene's indexing code is large and otherwise first runs, and is first compiled, under
/// the first bulk load after a deploy, which then fell further behind. The live index is not touched.
/// Skipped when the indexer is already behind the feed at that moment: a load is under way, warming the same code up, and the
/// warm-up would only take CPU from it.
/// </summary>
public sealed partial class LuceneWarmUp(
    IOptions<SearchIndexOptions> options, LuceneDocuments documents, IndexerState indexer, TimeProvider time, ILogger<LuceneWarmUp> logger)
    : BackgroundService
{
    /// <summary>Once the system is up: the warm-up takes CPU that the other services still starting would otherwise have, and
    /// starting later delays nothing a client waits for.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(10);

    public const int Pages = 15;
    public const int PageSize = 200;

    private static readonly string[] Categories = ["Pharmacie", "Restaurant", "École primaire", "Hôtel", "Banque", "Boulangerie"];
    private static readonly string[] Cities = ["Douala", "Yaoundé", "Bafoussam", "Garoua", "Kribi"];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(Delay, time, stoppingToken);
            if (indexer.EventsBehind > 0)
            {
                LogSkippedWhileLoading(logger, indexer.EventsBehind);
                return;
            }
            var started = time.GetTimestamp();
            var folder = Path.Combine(options.Value.LuceneDirectory, "warm-up");
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true); // left by a process that stopped during its warm-up
            }
            var generation = LuceneGeneration.Open(folder, "warm-up");
            try
            {
                for (var page = 0; page < Pages && !stoppingToken.IsCancellationRequested; page++)
                {
                    var operations = Enumerable.Range(page * PageSize, PageSize).Select(i => (IndexOperation)new UpsertDocument(Document(i))).ToList();
                    generation.Apply(operations, page + 1, documents, moreToCome: false);
                }
            }
            finally
            {
                generation.Dispose(deleteFolder: true);
            }
            LogWarmedUp(logger, Pages * PageSize, time.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping before or during the warm-up: nothing to keep.
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Only a first bulk load gets slower; searching and indexing are unaffected.
            LogWarmUpFailed(logger, exception.GetType().Name, exception.Message);
        }
    }

    private static SearchDocument Document(int i)
    {
        var category = Categories[i % Categories.Length];
        var city = Cities[i % Cities.Length];
        return new SearchDocument(Guid.NewGuid(), $"{category} du Marché {i.ToString(CultureInfo.InvariantCulture)}", $"warm-up-{i}",
            $"{category} à {city}, ouvert tous les jours. Téléphone et adresse sur place.", "BUSINESS", null, category, null, city,
            "Littoral", 4.05 + i % 100 / 1000.0, 9.7 + i % 100 / 1000.0, i % 7 == 0, "FREE", DateTimeOffset.UnixEpoch.AddMinutes(i));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Lucene indexing warmed up on {Documents} throw-away documents in {ElapsedMs:F0} ms")]
    private static partial void LogWarmedUp(ILogger logger, int documents, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Lucene warm-up skipped: the indexer is {EventsBehind} changes behind, a load is warming it up")]
    private static partial void LogSkippedWhileLoading(ILogger logger, long eventsBehind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lucene warm-up skipped ({Error}: {Message})")]
    private static partial void LogWarmUpFailed(ILogger logger, string error, string message);
}
