using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RomApi.ResourceService.Categories;

/// <summary>
/// Creates the default category tree (French names, English descriptions; DefaultCategories.json) on first start, once the
/// migrations are applied: it covers the categories of the OpenStreetMap points of interest and of the public-apis list.
/// The service reports unhealthy until it is done.
/// </summary>
public sealed partial class DefaultCategorySeeder(
    IServiceScopeFactory scopes, MigrationState<ResourceDbContext> migrations, TimeProvider time, ILogger<DefaultCategorySeeder> logger)
    : BackgroundService, IHealthCheck
{
    private const string ResourceName = "RomApi.ResourceService.Categories.DefaultCategories.json";
    private volatile bool _done;

    private sealed record Seed(string Slug, string Name, string? Description, string? Icon, string? Parent);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_done ? HealthCheckResult.Healthy("Default categories present.") : HealthCheckResult.Unhealthy("Default categories not created yet."));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        await migrations.WhenAppliedAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SeedAsync(stoppingToken);
                _done = true;
                return;
            }
            catch (Exception exception) when (exception is DbUpdateException or Npgsql.NpgsqlException)
            {
                LogRetry(logger, exception.GetType().Name);
            }
            await Task.Delay(delay, time, stoppingToken);
        }
    }

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        using var activity = BackgroundTracing.StartWork("seed default categories");
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ResourceDbContext>();
        if (await db.Categories.AnyAsync(cancellationToken))
        {
            return;
        }
        await using var stream = typeof(DefaultCategorySeeder).Assembly.GetManifestResourceStream(ResourceName)
                                 ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        var seeds = await JsonSerializer.DeserializeAsync<List<Seed>>(stream, JsonSerializerOptions.Web, cancellationToken) ?? [];
        var now = time.GetUtcNow();
        var ids = seeds.ToDictionary(s => s.Slug, _ => Guid.CreateVersion7(now));
        db.Categories.AddRange(seeds.Select(s => new Category
        {
            Id = ids[s.Slug],
            Name = s.Name,
            Slug = s.Slug,
            Description = s.Description,
            Icon = s.Icon,
            ParentId = s.Parent is null ? null : ids[s.Parent],
            CreatedAt = now,
            UpdatedAt = now,
        }));
        await db.SaveChangesAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<ResourceCache>().InvalidateCategoriesAsync();
        LogSeeded(logger, seeds.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the default category tree: {Count} categories")]
    private static partial void LogSeeded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Creating the default categories failed ({ErrorType}); retrying")]
    private static partial void LogRetry(ILogger logger, string errorType);
}
