namespace RomApi.AnalyticsService.Events;

/// <summary>What became of a request's events.</summary>
public enum IngestStatus { Accepted, BufferFull, ResourcesUnavailable }

/// <summary>
/// Validates each event on its own, checks public events' resourceIds with the resource service (the caller must be able to
/// read the resource), and hands the valid ones
/// to the buffer together (all or none). Invalid events are reported by index and never stored.
/// </summary>
public sealed class EventIngestion(
    EventBuffer buffer,
    ResourceDirectory resources,
    IOptions<IngestionOptions> options,
    AnalyticsServiceMetrics metrics,
    TimeProvider time)
{
    public async Task<(IngestStatus Status, EventIngestResult? Result)> IngestAsync(IReadOnlyList<JsonElement> elements, EventValidator.RequestContext context,
        PlatformIdentity caller, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var candidates = new List<(int Index, PendingEvent Event)>(elements.Count);
        var errors = new List<EventError>();
        for (var index = 0; index < elements.Count; index++)
        {
            var (pending, error) = Read(index, elements[index], json) is { } input
                ? EventValidator.Validate(index, input, context, now, options.Value)
                : (null, new EventError(index, EventErrorCodes.Malformed, DescribeMalformed(elements[index])));
            if (pending is not null)
            {
                candidates.Add((index, pending));
            }
            else
            {
                errors.Add(error!);
            }
        }

        if (context.Source == EventSource.Client)
        {
            try
            {
                // A resource the caller may not read is answered exactly as an unknown one: events cannot probe for hidden ids.
                var readable = await resources.ReadableAsync(candidates.Select(c => c.Event.ResourceId).OfType<Guid>(), caller, cancellationToken);
                bool Unreadable((int Index, PendingEvent Event) c) => c.Event.ResourceId is { } id && !readable.Contains(id);
                errors.AddRange(candidates.Where(Unreadable)
                    .Select(c => new EventError(c.Index, EventErrorCodes.UnknownResource, $"No resource with id '{c.Event.ResourceId}'.", "resourceId")));
                candidates.RemoveAll(Unreadable);
            }
            catch (ResourceDirectoryUnavailableException)
            {
                return (IngestStatus.ResourcesUnavailable, null);
            }
        }

        if (!buffer.TryEnqueue(candidates.Select(c => c.Event).ToList()))
        {
            metrics.BufferFull();
            return (IngestStatus.BufferFull, null);
        }
        metrics.Accepted(candidates.Count, context.Source == EventSource.Client ? "client" : "service");
        foreach (var error in errors)
        {
            metrics.Rejected(error.Code);
        }
        errors.Sort((a, b) => a.Index.CompareTo(b.Index));
        return (IngestStatus.Accepted, new EventIngestResult(candidates.Count, errors.Count, errors));
    }

    private static EventInput? Read(int index, JsonElement element, JsonSerializerOptions json)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        try
        {
            return element.Deserialize<EventInput>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string DescribeMalformed(JsonElement element) => element.ValueKind != JsonValueKind.Object
        ? "The event must be a JSON object."
        : "A field has the wrong type: ids are UUID strings, createdAt an ISO-8601 time, metadata an object, the rest strings.";
}
