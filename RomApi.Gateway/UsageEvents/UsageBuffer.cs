using System.Threading.Channels;

namespace RomApi.Gateway.UsageEvents;

/// <summary>The bounded buffer between the request path (which only ever tries to write) and <see cref="UsageSender"/>.</summary>
public sealed class UsageBuffer(IOptions<UsageOptions> options, GatewayMetrics metrics)
{
    private readonly Channel<ApiRequestRecord> _channel = Channel.CreateBounded<ApiRequestRecord>(
        new BoundedChannelOptions(options.Value.BufferCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public ChannelReader<ApiRequestRecord> Reader => _channel.Reader;

    public void Record(in ApiRequestRecord request)
    {
        if (options.Value.Enabled && !_channel.Writer.TryWrite(request))
        {
            metrics.UsageDropped(1);
        }
    }
}
