namespace RomApi.Tests.Infrastructure;

/// <summary>
/// A test class that runs against the one shared system (<see cref="SystemCollection"/>, unless a derived class names a system of
/// its own with another collection), with a gateway client of its own.
/// xUnit makes an instance per test and disposes it after, so <see cref="Gateway"/> lives exactly as long as one test.
/// </summary>
[Collection(SystemCollection.Name)]
public abstract class SystemTest(SystemFixture system) : IDisposable
{
    private HttpClient? _gateway;

    protected SystemFixture Fixture => system;

    /// <summary>An anonymous client of the gateway's public port, made on first use.</summary>
    protected HttpClient Gateway => _gateway ??= system.CreateGatewayClient();

    public void Dispose()
    {
        _gateway?.Dispose();
        GC.SuppressFinalize(this);
    }
}
