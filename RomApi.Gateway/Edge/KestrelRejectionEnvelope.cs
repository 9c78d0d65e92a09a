using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace RomApi.Gateway.Edge;

/// <summary>
/// Kestrel refuses some requests before any middleware runs (a NUL byte, %00, in the path; a malformed request line or header;
/// headers too large) and answers them itself with a bodiless 4xx and Connection: close. This connection middleware gives those
/// answers the error envelope too: it watches the request lines the connection reads, and once one is a line Kestrel refuses, it
/// collects the connection's remaining output and writes Kestrel's bodiless closing 4xx (the API's own 4xx always carry the envelope,
/// so they never match) with the same status and the envelope as its body. Until then output passes through untouched.
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
    /// Passes everything through untouched until the connection reads a request line Kestrel will refuse (see
    /// <see cref="RequestLineRecorder.RefusalLikely"/>); from then on (the connection closes after the refusal) it collects what
    /// Kestrel writes in a buffer of its own and, at the flush, writes the envelope in place of Kestrel's bodiless closing 4xx.
    /// </summary>
    private sealed class RejectionRewritingWriter(PipeWriter inner, RequestLineRecorder input, string connectionId) : PipeWriter
    {
        private const int MinimumRoom = 4096;
        private byte[] _buffer = [];
        private int _written;
        private bool _collecting;

        public override Memory<byte> GetMemory(int sizeHint = 0)
        {
            if (!(_collecting = _collecting || input.RefusalLikely))
            {
                return inner.GetMemory(sizeHint);
            }
            var room = Room(sizeHint);
            return _buffer.AsMemory(_written, room);
        }

        public override Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

        public override void Advance(int bytes)
        {
            if (_collecting)
            {
                // Released as soon as it can be told apart: anything but a 4xx status line at once, a 4xx once its head is complete
                // (Kestrel completes the connection after its refusal without a flush through this writer).
                _written += bytes;
                var pending = _buffer.AsSpan(0, _written);
                if (!(pending.Length < 10 ? "HTTP/1.1 4"u8.StartsWith(pending) : pending.StartsWith("HTTP/1.1 4"u8)) || pending.IndexOf("\r\n\r\n"u8) >= 0)
                {
                    Release();
                }
            }
            else
            {
                inner.Advance(bytes);
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

        public override long UnflushedBytes => inner.UnflushedBytes + _written;

        /// <summary>Room after what is collected, at least <paramref name="sizeHint"/>.</summary>
        private int Room(int sizeHint)
        {
            var needed = Math.Max(sizeHint, MinimumRoom);
            if (_buffer.Length - _written < needed)
            {
                var bigger = new byte[Math.Max(_written + needed, _buffer.Length * 2)];
                _buffer.AsSpan(0, _written).CopyTo(bigger);
                _buffer = bigger;
            }
            return _buffer.Length - _written;
        }

        private void Release()
        {
            if (_written == 0)
            {
                _collecting = false;
                return;
            }
            var pending = _buffer.AsSpan(0, _written);
            var end = pending.IndexOf("\r\n\r\n"u8);
            if (pending.StartsWith("HTTP/1.1 4"u8) && end + 4 == pending.Length && IsBodilessRefusal(pending[..(end + 2)], out var status, out var reason))
            {
                var (method, path) = RefusedRequestLine();
                inner.Write(Response(status, reason, method, path, connectionId, DateTimeOffset.UtcNow));
            }
            else
            {
                inner.Write(pending);
            }
            _written = 0;
            _collecting = false;
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
    /// Remembers the last request line the connection read (a read that starts with an upper-case token, a space and a slash) when
    /// Kestrel will refuse it, so the refusal can name its method and path (Kestrel consumes the line before it refuses it), and whether Kestrel will refuse it.
    /// </summary>
    private sealed class RequestLineRecorder(PipeReader inner) : PipeReader
    {
        private const int MaxLine = 2048;

        public string LastRequestLine { get; private set; } = "";

        /// <summary>
        /// The request line read last will be refused by Kestrel: a NUL byte (%00) in its path (Kestrel leaves the query encoded), a
        /// byte outside printable ASCII, or no HTTP/1.x version. (Refusals of headers cannot be told from the line; they keep Kestrel's bodiless answer.)
        /// </summary>
        public bool RefusalLikely { get; private set; }

        // Not an async method: a read whose data is already there then costs no state machine of its own.
        public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
        {
            var read = inner.ReadAsync(cancellationToken);
            return read.IsCompletedSuccessfully ? new ValueTask<ReadResult>(Look(read.Result)) : LookWhenReadAsync(read);
        }

        // Pooled: nearly every read of an idle keep-alive connection waits, and each wait would otherwise allocate a state machine.
        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        private async ValueTask<ReadResult> LookWhenReadAsync(ValueTask<ReadResult> read) => Look(await read);

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
                var requestLine = end >= 0 ? line[..end] : line;
                var query = requestLine.IndexOf((byte)'?');
                var path = query >= 0 ? requestLine[..query] : requestLine;
                RefusalLikely = end >= 0 && (path.IndexOf("%00"u8) >= 0 ||
                    requestLine.IndexOfAnyExceptInRange((byte)' ', (byte)'~') >= 0 ||
                    !(requestLine.EndsWith(" HTTP/1.1"u8) || requestLine.EndsWith(" HTTP/1.0"u8)));
                // Only a line Kestrel refuses is ever named in an answer: the accepted ones, every request's, are not copied out.
                LastRequestLine = RefusalLikely ? Encoding.ASCII.GetString(requestLine) : "";
            }
            return result;
        }
    }
}
