namespace RomApi.Gateway.ResponseCache;

/// <summary>
/// The response body of a cacheable miss on its way to the client: every write goes through unchanged and is also copied, up to
/// <paramref name="limit"/> bytes (past that the answer is not kept). The proxy's response transform notes the service's shared
/// max-age here (see <see cref="SharedAnswerTransform"/>).
/// </summary>
public sealed class AnswerCapture(Stream inner, int limit) : Stream
{
    private readonly MemoryStream _copy = new();

    /// <summary>The service's <see cref="RomApi.Contracts.Resources.SharedAnswer.MaxAgeHeader"/>; null when the answer is not shareable.</summary>
    public TimeSpan? SharedMaxAge { get; set; }

    public bool Overflowed { get; private set; }

    public byte[] ToArray() => _copy.ToArray();

    private void Copy(ReadOnlySpan<byte> buffer)
    {
        if (Overflowed)
        {
            return;
        }
        if (_copy.Length + buffer.Length > limit)
        {
            Overflowed = true;
            _copy.SetLength(0);
            return;
        }
        _copy.Write(buffer);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Copy(buffer);
        inner.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Copy(buffer.Span);
        return inner.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
