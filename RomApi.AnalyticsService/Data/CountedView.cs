namespace RomApi.AnalyticsService.Data;

/// <summary>
/// The one VIEW counted for a client, a resource and a view window (see <see cref="Events.ViewKeys"/>): a later VIEW with the same
/// key is not stored. Its own table, not the client ids', so that no client-chosen id can take a key another client needs.
/// </summary>
public sealed class CountedView
{
    public Guid Key { get; set; }

    /// <summary>Start of the window; keys are forgotten once no event of their window can still be accepted.</summary>
    public DateTimeOffset WindowStart { get; set; }
}
