using System.Buffers;
using System.Globalization;

namespace RomApi.ResourceService.ApiResources;

/// <summary>
/// The success envelope around JSON that is already serialized (from the cache): <c>{"success":true,"data":...,"meta":...,"timestamp":...}</c>,
/// written without parsing the data again. Carries the ETag when given.
/// </summary>
public sealed class RawEnvelopeResult(ReadOnlyMemory<byte> data, TimeProvider time, string? etag = null, int statusCode = 200,
    string? meta = null, string? location = null) : IResult
{
    private static readonly byte[] Start = "{\"success\":true,\"data\":"u8.ToArray();
    private static readonly byte[] MetaPart = ",\"meta\":"u8.ToArray();
    private static readonly byte[] TimestampPart = ",\"timestamp\":\""u8.ToArray();
    private static readonly byte[] End = "\"}"u8.ToArray();

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json; charset=utf-8";
        if (etag is not null)
        {
            response.Headers[HeaderNames.ETag] = etag;
        }
        if (location is not null)
        {
            response.Headers[HeaderNames.Location] = location;
        }
        var timestamp = Encoding.UTF8.GetBytes(time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        var metaBytes = meta is null ? null : Encoding.UTF8.GetBytes(meta);
        var length = Start.Length + data.Length + (metaBytes is null ? 0 : MetaPart.Length + metaBytes.Length) +
                     TimestampPart.Length + timestamp.Length + End.Length;
        response.ContentLength = length;

        var writer = response.BodyWriter;
        writer.Write(Start);
        writer.Write(data.Span);
        if (metaBytes is not null)
        {
            writer.Write(MetaPart);
            writer.Write(metaBytes);
        }
        writer.Write(TimestampPart);
        writer.Write(timestamp);
        writer.Write(End);
        await writer.FlushAsync(httpContext.RequestAborted);
    }
}
