using Microsoft.EntityFrameworkCore.Design;

namespace RomApi.Gateway.Identity.Data;

/// <summary>Lets dotnet-ef build the model for migrations without configuration or a running database.</summary>
public sealed class IdentityDbContextDesignFactory : IDesignTimeDbContextFactory<IdentityDbContext>
{
    public IdentityDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<IdentityDbContext>()
            .UseNpgsql("Host=localhost;Database=identitydb;Username=postgres")
            .Options);
}
