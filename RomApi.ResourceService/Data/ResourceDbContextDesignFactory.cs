using Microsoft.EntityFrameworkCore.Design;

namespace RomApi.ResourceService.Data;

/// <summary>Lets dotnet-ef build the model for migrations without configuration or a running database.</summary>
public sealed class ResourceDbContextDesignFactory : IDesignTimeDbContextFactory<ResourceDbContext>
{
    public ResourceDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ResourceDbContext>()
            .UseNpgsql("Host=localhost;Database=resourcedb;Username=postgres")
            .Options);
}
