namespace RomApi.Contracts.Changes;

/// <summary>Writes a <see cref="SerializedSnapshot"/> as the JSON value it holds (no parse); reads any JSON value back as its text.</summary>
public sealed class SerializedSnapshotConverter : JsonConverter<SerializedSnapshot>
{
    public override SerializedSnapshot Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new SerializedSnapshot(document.RootElement.GetRawText());
    }

    public override void Write(Utf8JsonWriter writer, SerializedSnapshot value, JsonSerializerOptions options) =>
        // The outbox holds what ContractJson wrote (PostgreSQL's json type checked it on insert), so it is not validated again.
        writer.WriteRawValue(value.Json, skipInputValidation: true);
}
