using Microsoft.EntityFrameworkCore.Design;

namespace RomApi.AnalyticsService.Data;

/// <summary>Lets dotnet-ef build the model for migrations without configuration or a running database.</summary>
public sealed class AnalyticsDbContextDesignFactory : IDesignTimeDbContextFactory<AnalyticsDbContext>
{
    public AnalyticsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AnalyticsDbContext>()
            .UseNpgsql("Host=localhost;Database=analyticsdb;Username=postgres")
            .Options);
}
