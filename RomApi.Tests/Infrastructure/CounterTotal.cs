namespace RomApi.Tests.Infrastructure;

/// <summary>Adds up what one counter of one meter records while it is alive (a unit test's view of a service metric).</summary>
public sealed class CounterTotal : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _total;

    public CounterTotal(string meterName, string counterName)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meterName && instrument.Name == counterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _total, value));
        _listener.Start();
    }

    public long Total => Interlocked.Read(ref _total);

    public void Dispose() => _listener.Dispose();
}
