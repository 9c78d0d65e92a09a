using Npgsql;
using System.Text;

namespace RomApi.ServiceDefaults.Errors;

/// <summary>
/// The last line of defence for what reaches PostgreSQL: an unreachable or restarting database is the platform's problem (503,
/// try again), while text PostgreSQL cannot store or a unique key taken by a concurrent request is the request's (400, 409).
/// Endpoints validate first; this keeps anything they missed from becoming a 500.
/// </summary>
public static class DatabaseErrors
{
    /// <summary>What a client is told to wait after a 503 for an unreachable database: about one restart of PostgreSQL.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public const string UnavailableMessage = "The database is unavailable; try again shortly.";
    public const string UnstorableTextMessage = "A text value contains characters that cannot be stored (NUL, or a lone UTF-16 surrogate).";
    public const string InUseMessage = "The request conflicts with a concurrent change (an item it refers to, or that refers to it).";
    public const string DuplicateMessage = "The request conflicts with an existing item (a unique name or key is taken).";

    /// <summary>The status and message for <paramref name="exception"/>, or null when it is none of these.</summary>
    public static (int Status, string Message)? Classify(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter }:
                case EncoderFallbackException or DecoderFallbackException:
                    return (400, UnstorableTextMessage);
                // System.Text.Json reading a string with a lone surrogate escape ("\ud800") that a handler asked for as text.
                case InvalidOperationException { Source: "System.Text.Json" }:
                    return (400, UnstorableTextMessage);
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }:
                    return (409, DuplicateMessage);
                // A referenced row deleted, or a row still referenced, by a concurrent request.
                case PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation }:
                    return (409, InUseMessage);
                // Refused or broken connections, a server shutting down or starting (57P01, 57P03), an exhausted pool: the
                // request was fine and may succeed later.
                case NpgsqlException { IsTransient: true }:
                    return (503, UnavailableMessage);
            }
        }
        return null;
    }
}
