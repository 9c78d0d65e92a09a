using System.Collections.Frozen;

namespace RomApi.Contracts;

/// <summary>
/// The one way an enumeration value is written outside the process, in JSON, SQL text, tokens and metric tags alike:
/// UPPER_SNAKE_CASE ("ACTIVE", a two-word value "IN_REVIEW"). Everything that names an enum value for the wire asks here.
/// </summary>
public static class WireNames
{
    public static JsonNamingPolicy Policy { get; } = JsonNamingPolicy.SnakeCaseUpper;

    /// <summary>The JSON converter for every enumeration (names only, never numbers).</summary>
    public static JsonStringEnumConverter JsonConverter() => new(Policy, allowIntegerValues: false);

    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        Names<TEnum>.ByValue.TryGetValue(value, out var name) ? name : Policy.ConvertName(value.ToString());

    /// <summary>The value a wire name stands for (case-insensitive); throws on a name the enumeration does not have.</summary>
    public static TEnum Parse<TEnum>(string name) where TEnum : struct, Enum =>
        TryParse<TEnum>(name, out var value) ? value : throw new FormatException($"'{name}' is not a {typeof(TEnum).Name}.");

    public static bool TryParse<TEnum>(string? name, out TEnum value) where TEnum : struct, Enum
    {
        value = default;
        return name is not null && Names<TEnum>.ByName.TryGetValue(name, out value);
    }

    /// <summary>Every wire name of an enumeration, in declaration order.</summary>
    public static string[] All<TEnum>() where TEnum : struct, Enum => [.. Enum.GetValues<TEnum>().Select(Of)];

    private static class Names<TEnum> where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> ByValue =
            Enum.GetValues<TEnum>().Distinct().ToFrozenDictionary(value => value, value => Policy.ConvertName(value.ToString()));

        public static readonly FrozenDictionary<string, TEnum> ByName =
            ByValue.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.OrdinalIgnoreCase);
    }
}
