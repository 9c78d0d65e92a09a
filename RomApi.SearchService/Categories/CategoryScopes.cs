using System.Net.Http.Json;

namespace RomApi.SearchService.Categories;

/// <summary>
/// Expands a category filter to the category's sub-categories (API.md: the slug includes sub-categories). The tree is read
/// from the resource service's flat category list (<see cref="ResourceRoutes.FlatCategories"/>) and kept for <see cref="CategoryScopeOptions.RefreshInterval"/>;
/// expanding at query time, not at indexing, keeps a moved sub-category right without re-indexing its resources.
/// When the resource service cannot answer, searches go on with the last tree (or the exact slug alone).
/// </summary>
public sealed partial class CategoryScopes(
    IHttpClientFactory clients,
    IOptions<CategoryScopeOptions> options,
    TimeProvider time,
    ILogger<CategoryScopes> logger) : IDisposable
{
    public const string HttpClientName = "categories";

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private CategoryTree _tree = CategoryTree.Empty;
    private long _validUntilTicks;

    public async Task<IReadOnlyList<string>> WithDescendantsAsync(string slug, CancellationToken cancellationToken) =>
        (await CurrentAsync(cancellationToken)).WithDescendants(slug);

    /// <summary>The indexer saw a resource of <paramref name="slug"/>: a category the tree does not know is read again at once.</summary>
    public void Indexed(string? slug)
    {
        if (slug is not null && !Volatile.Read(ref _tree).Contains(slug))
        {
            Interlocked.Exchange(ref _validUntilTicks, 0);
        }
    }

    private async Task<CategoryTree> CurrentAsync(CancellationToken cancellationToken)
    {
        if (time.GetUtcNow().UtcTicks < Interlocked.Read(ref _validUntilTicks))
        {
            return Volatile.Read(ref _tree);
        }
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (time.GetUtcNow().UtcTicks >= Interlocked.Read(ref _validUntilTicks))
            {
                await ReloadAsync(cancellationToken);
            }
            return Volatile.Read(ref _tree);
        }
        finally
        {
            _refresh.Release();
        }
    }

    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        try
        {
            var body = await clients.CreateClient(HttpClientName)
                .GetFromJsonAsync<DataEnvelope<IReadOnlyList<CategoryDto>>>(ResourceRoutes.FlatCategories, ContractJson.Options, cancellationToken)
                ?? throw new InvalidDataException("The category list was empty.");
            Volatile.Write(ref _tree, new CategoryTree(body.Data));
            Interlocked.Exchange(ref _validUntilTicks, (time.GetUtcNow() + settings.RefreshInterval).UtcTicks);
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or InvalidDataException or TaskCanceledException
                                              && !cancellationToken.IsCancellationRequested)
        {
            LogCategoriesUnavailable(logger, exception.GetType().Name, exception.Message);
            Interlocked.Exchange(ref _validUntilTicks, (time.GetUtcNow() + settings.RetryDelay).UtcTicks);
        }
    }

    public void Dispose() => _refresh.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the category tree failed ({Error}: {Message}); category filters match the exact slug meanwhile")]
    private static partial void LogCategoriesUnavailable(ILogger logger, string error, string message);
}
