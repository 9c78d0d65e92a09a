namespace RomApi.Storage.Postgres;

/// <summary>
/// Configuration section "Database": how long a request may wait on PostgreSQL. A command that has not answered within
/// <see cref="CommandTimeout"/> (or a connection not open within <see cref="ConnectTimeout"/>) fails as a transient
/// <c>NpgsqlException</c>, which every service answers with 503 and Retry-After; Npgsql then gives the server
/// <see cref="CancellationTimeout"/> to acknowledge the cancellation before it drops the connection. Measured against a frozen
/// server (SIGSTOP), a query on an open connection fails after the command timeout plus two connect timeouts (Npgsql's
/// cancellation connects), 4 + 2 x 3 = about 10 s, and an open after 3 s: well under the gateway's route timeout (30 s), so a
/// client hears "unavailable, come back" rather than waiting on a frozen database.
/// </summary>
public sealed class DatabaseBudget
{
    public const string SectionName = "Database";

    /// <summary>
    /// The timeout of work that is long by nature and not a client's request waiting (bulk import, event batches, migrations,
    /// partition maintenance): Npgsql's own default, which these paths always had.
    /// </summary>
    public static readonly TimeSpan LongCommandTimeout = TimeSpan.FromSeconds(30);

    public static int LongCommandSeconds => (int)LongCommandTimeout.TotalSeconds;

    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(4);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(3);

    public TimeSpan CancellationTimeout { get; set; } = TimeSpan.FromSeconds(1);
}
