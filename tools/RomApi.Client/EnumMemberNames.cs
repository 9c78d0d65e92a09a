using System.Reflection;
using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RomApi.Client;

public partial class RomApiClient
{
    // NSwag's System.Text.Json output names enum values with [EnumMember] ("resources:read"), which System.Text.Json does not
    // read, and leaves enum arrays (API key permissions) without any converter (they would travel as numbers).
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) => settings.Converters.Add(new EnumMemberConverterFactory());
}

/// <summary>Writes and reads the enums of the generated client by their [EnumMember] value, as the API spells them.</summary>
public sealed class EnumMemberConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum && typeToConvert.Assembly == typeof(EnumMemberConverterFactory).Assembly;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(EnumMemberConverter<>).MakeGenericType(typeToConvert))!;

    private sealed class EnumMemberConverter<TEnum> : JsonConverter<TEnum> where TEnum : struct, Enum
    {
        private static readonly Dictionary<TEnum, string> Names = Enum.GetValues<TEnum>().ToDictionary(value => value, value =>
            typeof(TEnum).GetField(value.ToString())!.GetCustomAttribute<EnumMemberAttribute>()?.Value ?? value.ToString());
        private static readonly Dictionary<string, TEnum> Values = Names.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.OrdinalIgnoreCase);

        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetString() is { } text && Values.TryGetValue(text, out var value)
                ? value
                : throw new JsonException($"'{reader.GetString()}' is not a {typeof(TEnum).Name}.");

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) => writer.WriteStringValue(Names[value]);
    }
}
