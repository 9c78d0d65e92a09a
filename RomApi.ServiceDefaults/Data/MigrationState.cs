using Microsoft.EntityFrameworkCore;

namespace RomApi.ServiceDefaults.Data;

/// <summary>Whether the migrations of <typeparamref name="TContext"/> have been applied in this process.</summary>
public sealed class MigrationState<TContext> where TContext : DbContext
{
    private volatile bool _applied;

    public bool IsApplied => _applied;

    public void MarkApplied() => _applied = true;
}
