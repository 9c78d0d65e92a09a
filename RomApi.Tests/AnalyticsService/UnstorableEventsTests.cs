using RomApi.AnalyticsService.EventWriting;

namespace RomApi.Tests.AnalyticsService;

public sealed class UnstorableEventsTests
{
    private static PendingEvent Event(int n) =>
        new(Guid.NewGuid(), false, null, "VIEW", null, null, null, null, null, $"{{\"n\":{n}}}", DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task A_refused_event_is_isolated_and_every_other_event_of_its_batch_is_written()
    {
        var batch = Enumerable.Range(0, 37).Select(Event).ToList();
        var poison = new HashSet<PendingEvent> { batch[5], batch[30] };
        var written = new List<PendingEvent>();
        var refused = new List<PendingEvent>();

        await UnstorableEvents.WriteIsolatingAsync(batch, part =>
        {
            // Like the database: one bad row fails the whole COPY, nothing of it is stored.
            if (part.Any(poison.Contains))
            {
                throw new PostgresException("invalid byte sequence for encoding \"UTF8\": 0x00", "ERROR", "ERROR", "22021");
            }
            written.AddRange(part);
            return Task.CompletedTask;
        }, (pending, _) => refused.Add(pending));

        Assert.Equal(batch.Except(poison).OrderBy(e => e.Id), written.OrderBy(e => e.Id));
        Assert.Equal(poison.OrderBy(e => e.Id), refused.OrderBy(e => e.Id));
    }

    [Fact]
    public async Task Other_failures_are_not_treated_as_bad_data()
    {
        var batch = Enumerable.Range(0, 4).Select(Event).ToList();

        var failure = await Assert.ThrowsAsync<PostgresException>(() => UnstorableEvents.WriteIsolatingAsync(batch,
            _ => throw new PostgresException("the database system is shutting down", "FATAL", "FATAL", "57P03"),
            (_, _) => Assert.Fail("nothing is refused for its data")));

        Assert.Equal("57P03", failure.SqlState);
    }
}
