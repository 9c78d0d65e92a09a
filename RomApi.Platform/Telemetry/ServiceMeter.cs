using System.Diagnostics.Metrics;

namespace RomApi.Platform.Telemetry;

/// <summary>
/// What every service's metrics class shares: its own meter, named "RomApi.{Service}" so that the service defaults export it
/// (/metrics included), and its instruments and tags made one way.
/// </summary>
public abstract class ServiceMeter(IMeterFactory meterFactory, string meterName)
{
    protected Meter Meter { get; } = meterFactory.Create(meterName);

    protected Counter<long> Counter(string name, string unit, string description) =>
        Meter.CreateCounter<long>(name, unit, description);

    protected Histogram<T> Histogram<T>(string name, string unit, string description) where T : struct =>
        Meter.CreateHistogram<T>(name, unit, description);

    protected void Gauge<T>(string name, Func<T> observe, string unit, string description) where T : struct =>
        Meter.CreateObservableGauge(name, observe, unit, description);

    protected static KeyValuePair<string, object?> Tag(string key, object? value) => new(key, value);
}
