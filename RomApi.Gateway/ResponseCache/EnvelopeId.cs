using System.Text.Json;

namespace RomApi.Gateway.ResponseCache;

/// <summary>
/// The resource a kept answer shows, read from its envelope (<c>{"success":true,"data":{"id":...}}</c>): a read by slug names no
/// id, and the cache must find every copy of a resource by its id when it changes.
/// </summary>
public static class EnvelopeId
{
    public static Guid? Of(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("data"u8))
                {
                    return DataId(ref reader);
                }
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= 1)
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            // Not an envelope: nothing to keep.
        }
        return null;
    }

    private static Guid? DataId(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                return reader.Read() && reader.TokenType == JsonTokenType.String && reader.TryGetGuid(out var id) ? id : null;
            }
            reader.Read();
            reader.Skip();
        }
        return null;
    }
}
