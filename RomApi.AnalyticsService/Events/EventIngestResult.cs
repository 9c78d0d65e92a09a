namespace RomApi.AnalyticsService.Events;

/// <summary>Answer of both ingestion endpoints: 202 with what was taken and why the rest was not.</summary>
public sealed record EventIngestResult(int Accepted, int Rejected, IReadOnlyList<EventError> Errors);

/// <summary>Why the event at <see cref="Index"/> (0-based, in the order sent) was not accepted.</summary>
public sealed record EventError(int Index, string Code, string Message, string? Field = null);

/// <summary>Per-event error codes.</summary>
public static class EventErrorCodes
{
    public const string Malformed = "MALFORMED_EVENT";
    public const string Invalid = "VALIDATION_ERROR";
    public const string EventTypeNotAllowed = "EVENT_TYPE_NOT_ALLOWED";
    public const string UnknownResource = "UNKNOWN_RESOURCE";
    public const string TimestampInFuture = "TIMESTAMP_IN_FUTURE";
    public const string TimestampTooOld = "TIMESTAMP_TOO_OLD";
    public const string MetadataTooLarge = "METADATA_TOO_LARGE";
}
