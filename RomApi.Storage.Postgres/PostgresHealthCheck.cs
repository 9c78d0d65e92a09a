namespace RomApi.Storage.Postgres;

/// <summary>
/// Opens a connection and runs a trivial query: the database answers or it does not. A failure is Degraded, not Unhealthy (set
/// where it is registered): every replica shares the database, and a replica out of rotation could no longer serve what its cache
/// holds. The check gives up when its timeout fires, without waiting for Npgsql to cancel the query on a server that does not
/// answer (the gateway's probe would time out first and take the replica out).
/// </summary>
public sealed class PostgresHealthCheck(NpgsqlDataSource dataSource, DatabaseAvailability availability) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var database = await PingAsync(cancellationToken).WaitAsync(cancellationToken);
            availability.Answered();
            return HealthCheckResult.Healthy($"PostgreSQL database '{database}' answers.");
        }
        catch (Exception exception) when (exception is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            availability.Failed();
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer.", exception);
        }
        catch (OperationCanceledException)
        {
            // The check's timeout (or the caller) gave up on it.
            availability.Failed();
            throw;
        }
    }

    private async Task<string> PingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        await command.ExecuteScalarAsync(cancellationToken);
        return connection.Database;
    }
}
