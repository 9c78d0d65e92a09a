namespace RomApi.Tests.Gateway;

/// <summary>The start of a JSON body, then nothing until the client gives up (cancels the request).</summary>
public sealed class OpenEndedBody(TaskCompletionSource started) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync("{\"resources\":["u8.ToArray(), cancellationToken);
        await stream.FlushAsync(cancellationToken);
        started.TrySetResult();
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
