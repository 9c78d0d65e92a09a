namespace RomApi.Tests.WholeSystem.Hardening.Fuzz;

/// <summary>
/// The hostile leaves a body variant puts in every field. Strings that JSON writers refuse to produce (a NUL escape, a lone
/// surrogate, bytes that are not UTF-8, a number beyond double) are written as placeholders and patched into the final bytes.
/// </summary>
public enum Leaf { Nul, LoneSurrogate, InvalidUtf8, Megabyte, Sql, QuerySyntax, WrongType, Overflow, Negative }

public static class HostileValues
{
    public const string NulMarker = "@@NUL@@";
    public const string SurrogateMarker = "@@SUR@@";
    public const string InvalidUtf8Marker = "@@UTF8@@";
    public const string OverflowMarker = "@@E400@@";
    public const string HugeMarker = "@@HUGE@@";

    public static readonly string Megabyte = new('x', 1024 * 1024);
    public const string Sql = "' OR '1'='1' --; DROP TABLE api_resources; --";
    public const string QuerySyntax = "title:(a OR b) AND *:* ~2 ^3 [a TO z] {x} \\ \" / ?";

    /// <summary>Query and path values, already percent-encoded: control bytes, broken UTF-8, numbers out of range, syntax.</summary>
    public static readonly string[] EncodedValues =
    [
        "%00", "%ED%A0%80", "%FF%FE", "1e400", "-1", "99999999999999999999", "",
        Uri.EscapeDataString(Sql), Uri.EscapeDataString(QuerySyntax), "%5B%5D", "true%00", new string('q', 60_000),
    ];

    public static readonly string[] EncodedIds =
    [
        "not-a-uuid", "%00", "..%2F..%2Fetc%2Fpasswd", Uri.EscapeDataString("' OR 1=1 --"), new string('x', 300), "%F0%9F%A6%81",
        "%ED%A0%80", "-1", "1e400", "00000000-0000-0000-0000-000000000000",
    ];

    /// <summary>
    /// Values of every date-time parameter, already percent-encoded: the ends of what DateTimeOffset can hold (where rounding to a
    /// bucket edge or subtracting a default span overflows), offsets that push them past either end, dates that do not exist,
    /// and years beyond four digits. Each goes alone and with every allowed value of the operation's other enum parameters.
    /// </summary>
    public static readonly string[] EncodedDateTimes =
    [
        "0001-01-01T00:00:00Z", "0001-01-01T00:00:00-05:00", "0001-01-01", "0001-01-01T00:00:00%2B14:00", "0001-01-03",
        "9999-12-31T23:59:59.9999999Z", "9999-12-31", "9999-12-29", "9999-12-31T23:59:59-14:00", "9999-12-31T23:00:00Z",
        "1969-12-31T23:59:59Z", "3000-01-01T00:00:00Z", "10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "2026-02-30",
        "2026-13-01", "2026-01-01T24:00:00Z", "0", "-1", "99999999999999999999",
    ];

    /// <summary>Turns a JSON text with placeholders into the bytes to send.</summary>
    public static byte[] Patch(string json)
    {
        var text = json
            .Replace($"\"{OverflowMarker}\"", "1e400", StringComparison.Ordinal)
            .Replace($"\"{HugeMarker}\"", "99999999999999999999999", StringComparison.Ordinal)
            .Replace(NulMarker, "a\\u0000b", StringComparison.Ordinal)
            .Replace(SurrogateMarker, "a\\ud800b", StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(text);
        var marker = Encoding.UTF8.GetBytes(InvalidUtf8Marker);
        if (bytes.AsSpan().IndexOf(marker) < 0)
        {
            return bytes;
        }
        var output = new List<byte>(bytes.Length);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes.AsSpan(i).StartsWith(marker))
            {
                output.AddRange([(byte)'a', 0xC3, 0x28, 0xFF, (byte)'b']);
                i += marker.Length - 1;
            }
            else
            {
                output.Add(bytes[i]);
            }
        }
        return [.. output];
    }
}
