using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using RomApi.ServiceDefaults.Errors;

namespace RomApi.Gateway.Edge;

/// <summary>
/// Kestrel refuses some requests before any middleware runs (a NUL byte, %00, in the path; a malformed request line or header;
/// headers too large) and answers them itself with a bodiless 4xx and Connection: close. This connection middleware gives those
/// answers the error envelope too: on the connection's output it recognises Kestrel's bodiless closing 4xx (the API's own 4xx always
/// carry the envelope, so they never match) and writes the same status with the envelope as its body. Everything else passes
/// through untouched; the only cost on the normal path is a look at the first bytes of each write.
/// </summary>
public static class KestrelRejectionEnvelope
{
    public static void Use(ListenOptions listen) => listen.Use(next => context =>
    {
        var transport = context.Transport;
        var input = new RequestLineRecorder(transport.Input);
        context.Transport = new Pipe(input, new RejectionRewritingWriter(transport.Output, input, context.ConnectionId));
        return next(context);
    });

    private sealed class Pipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;
        public PipeWriter Output { get; } = output;
    }

    /// <summary>The envelope Kestrel's refusal becomes, as the bytes of a complete HTTP/1.1 response.</summary>
    internal static byte[] Response(int status, string reason, string method, string path, string requestId, DateTimeOffset now)
    {
        var message = status == 400
            ? "The request line or a header is malformed (for example a NUL byte, %00, or another control character in the path)."
            : ErrorCodes.DefaultMessage(status);
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new ApiErrorResponse(new ApiErrorBody(ErrorCodes.ForStatus(status), message, null, now, path, method, requestId)),
            JsonSerializerOptions.Web);
        var head = $"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {body.Length}\r\n" +
                   $"Connection: close\r\nX-Request-ID: {requestId}\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\n\r\n";
        return [.. Encoding.ASCII.GetBytes(head), .. body];
    }

    /// <summary>
    /// Holds back a write that starts like an HTTP/1.1 4xx status line until its header block is complete, then passes it on, or,
    /// when it is Kestrel's bodiless closing refusal, writes the envelope instead.
    /// </summary>
    private sealed class RejectionRewritingWriter(PipeWriter inner, RequestLineRecorder input, string connectionId) : PipeWriter
    {
        private const int MaxHeld = 8 * 1024;
        private Memory<byte> _handedOut;
        private ArrayBufferWriter<byte>? _held;

        public override Memory<byte> GetMemory(int sizeHint = 0) => _handedOut = inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => (_handedOut = inner.GetMemory(sizeHint)).Span;

        public override void Advance(int bytes)
        {
            var written = _handedOut.Span[..bytes];
            if (_held is null && !written.StartsWith("HTTP/1.1 4"u8))
            {
                inner.Advance(bytes);
                return;
            }
            // Copied out and not advanced: Kestrel's next GetMemory gets the same memory again.
            _held ??= new ArrayBufferWriter<byte>(256);
            _held.Write(written);
            if (_held.WrittenSpan.IndexOf("\r\n\r\n"u8) >= 0 || _held.WrittenCount > MaxHeld)
            {
                Release();
            }
        }

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            Release();
            return inner.FlushAsync(cancellationToken);
        }

        public override void Complete(Exception? exception = null)
        {
            Release();
            inner.Complete(exception);
        }

        public override ValueTask CompleteAsync(Exception? exception = null)
        {
            Release();
            return inner.CompleteAsync(exception);
        }

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

        public override long UnflushedBytes => inner.UnflushedBytes + (_held?.WrittenCount ?? 0);

        private void Release()
        {
            if (_held is null)
            {
                return;
            }
            var held = _held.WrittenSpan;
            var end = held.IndexOf("\r\n\r\n"u8);
            if (end >= 0 && end + 4 == held.Length && IsBodilessRefusal(held[..(end + 2)], out var status, out var reason))
            {
                var (method, path) = RefusedRequestLine();
                inner.Write(Response(status, reason, method, path, connectionId, DateTimeOffset.UtcNow));
            }
            else
            {
                inner.Write(held);
            }
            _held = null;
        }

        private static bool IsBodilessRefusal(ReadOnlySpan<byte> head, out int status, out string reason)
        {
            status = 0;
            reason = "";
            var lineEnd = head.IndexOf("\r\n"u8);
            var statusLine = Encoding.ASCII.GetString(head[..lineEnd]);
            if (head.IndexOf("\r\nContent-Length: 0\r\n"u8) < 0 || head.IndexOf("\r\nConnection: close\r\n"u8) < 0 ||
                head.IndexOf("\r\nContent-Type:"u8) >= 0 || statusLine.Length < 12 || !int.TryParse(statusLine.AsSpan(9, 3), out status))
            {
                return false;
            }
            reason = statusLine.Length > 13 ? statusLine[13..] : "Bad Request";
            return status is >= 400 and < 500;
        }

        private (string Method, string Path) RefusedRequestLine()
        {
            var parts = input.LastRequestLine.Split(' ');
            var method = parts[0].Length is > 0 and <= 16 && parts[0].All(char.IsAsciiLetterUpper) ? parts[0] : "";
            var path = parts.Length > 1 ? new string([.. parts[1].Split('?')[0].Where(c => c is > ' ' and < '\u007f').Take(2048)]) : "";
            return (method, path);
        }
    }

    /// <summary>
    /// Remembers the last request line the connection read (a read that starts with an upper-case token, a space and a slash), so a
    /// refusal can name its method and path: Kestrel consumes the line before it refuses it.
    /// </summary>
    private sealed class RequestLineRecorder(PipeReader inner) : PipeReader
    {
        private const int MaxLine = 2048;

        public string LastRequestLine { get; private set; } = "";

        public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default) =>
            Look(await inner.ReadAsync(cancellationToken));

        public override bool TryRead(out ReadResult result)
        {
            if (!inner.TryRead(out result))
            {
                return false;
            }
            Look(result);
            return true;
        }

        public override void AdvanceTo(SequencePosition consumed) => inner.AdvanceTo(consumed);

        public override void AdvanceTo(SequencePosition consumed, SequencePosition examined) => inner.AdvanceTo(consumed, examined);

        public override void CancelPendingRead() => inner.CancelPendingRead();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

        private ReadResult Look(ReadResult result)
        {
            var first = result.Buffer.FirstSpan;
            var space = first.Length > 0 && first[0] is >= (byte)'A' and <= (byte)'Z' ? first[..Math.Min(first.Length, 17)].IndexOf((byte)' ') : -1;
            if (space > 0 && space + 1 < first.Length && first[space + 1] == (byte)'/')
            {
                var line = first[..Math.Min(first.Length, MaxLine)];
                var end = line.IndexOf("\r\n"u8);
                LastRequestLine = Encoding.ASCII.GetString(end >= 0 ? line[..end] : line);
            }
            return result;
        }
    }
}
