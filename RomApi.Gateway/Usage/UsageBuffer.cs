using Microsoft.Extensions.Options;
using RomApi.Gateway.Telemetry;
using System.Threading.Channels;

namespace RomApi.Gateway.Usage;

/// <summary>The bounded buffer between the request path (which only ever tries to write) and <see cref="UsageSender"/>.</summary>
public sealed class UsageBuffer(IOptions<UsageOptions> options, GatewayMetrics metrics)
{
    private readonly Channel<ApiUsageEvent> _channel = Channel.CreateBounded<ApiUsageEvent>(
        new BoundedChannelOptions(options.Value.BufferCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public ChannelReader<ApiUsageEvent> Reader => _channel.Reader;

    public void Record(ApiUsageEvent usage)
    {
        if (options.Value.Enabled && !_channel.Writer.TryWrite(usage))
        {
            metrics.UsageDropped(1);
        }
    }
}
