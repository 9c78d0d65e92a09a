using RomApi.ServiceDefaults.Errors;

namespace RomApi.Storage.Postgres;

/// <summary>
/// The last line of defence for what reaches PostgreSQL: an unreachable or restarting database is the platform's problem (503,
/// try again), while text PostgreSQL cannot store or a unique key taken by a concurrent request is the request's (400, 409).
/// Endpoints validate first; this keeps anything they missed from becoming a 500. A 503 also tells
/// <see cref="DatabaseAvailability"/> that the database is away.
/// </summary>
public sealed class PostgresErrorClassifier(DatabaseAvailability availability) : IErrorClassifier
{
    /// <summary>What a client is told to wait after a 503 for an unreachable database: about one restart of PostgreSQL.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public const string UnavailableMessage = "The database is unavailable; try again shortly.";
    public const string InUseMessage = "The request conflicts with a concurrent change (an item it refers to, or that refers to it).";
    public const string DuplicateMessage = "The request conflicts with an existing item (a unique name or key is taken).";

    public ErrorClassification? Classify(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter }:
                    return new ErrorClassification(400, EnvelopeExceptionHandler.UnstorableTextMessage);
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }:
                    return new ErrorClassification(409, DuplicateMessage);
                // A referenced row deleted, or a row still referenced, by a concurrent request.
                case PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation }:
                    return new ErrorClassification(409, InUseMessage);
                // Refused or broken connections, a server shutting down or starting (57P01, 57P03), an exhausted pool: the
                // request was fine and may succeed later.
                case NpgsqlException { IsTransient: true }:
                    availability.Failed();
                    return new ErrorClassification(503, UnavailableMessage, RetryAfter);
            }
        }
        return null;
    }
}
