namespace RomApi.AnalyticsService.Events;

/// <summary>
/// Reads a single event object or <c>{"events": [...]}</c>. A body that is not JSON, or not one of the two shapes, fails the
/// request (400/413/415); a well-formed body with a bad event fails only that event (see <see cref="EventIngestion"/>).
/// </summary>
public static class EventsRequestReader
{
    public sealed record Body(JsonDocument Document, IReadOnlyList<JsonElement> Events) : IDisposable
    {
        public void Dispose() => Document.Dispose();
    }

    public static async Task<(Body? Body, ErrorResult? Error)> ReadAsync(HttpRequest request, int maxEvents, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return (null, new ErrorResult(415, ErrorCodes.UnsupportedMediaType, ErrorCodes.DefaultMessage(415)));
        }
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return (null, ApiErrors.BadRequest("The JSON body is malformed."));
        }

        var root = document.RootElement;
        var error = root.ValueKind != JsonValueKind.Object
            ? ApiErrors.BadRequest("The body must be one event object or {\"events\": [...]}.")
            : null;
        IReadOnlyList<JsonElement> events = [];
        if (error is null && root.TryGetProperty("events", out var list))
        {
            var count = list.ValueKind == JsonValueKind.Array ? list.GetArrayLength() : -1;
            error = count switch
            {
                < 1 => ApiErrors.BadRequest($"events must be an array of 1 to {maxEvents} events."),
                _ when count > maxEvents => new ErrorResult(413, ErrorCodes.PayloadTooLarge, $"At most {maxEvents} events per request; send several requests."),
                _ => null,
            };
            events = error is null ? [.. list.EnumerateArray()] : [];
        }
        else if (error is null)
        {
            events = [root];
        }

        if (error is not null)
        {
            document.Dispose();
            return (null, error);
        }
        return (new Body(document, events), null);
    }
}
