namespace RomApi.ResourceService.Validation;

/// <summary>Collects field-level problems for a 422; text checks return the trimmed value (null when blank).</summary>
public sealed class FieldErrors
{
    private readonly List<FieldError> _errors = [];

    public IReadOnlyList<FieldError> Items => _errors;
    public bool Any => _errors.Count > 0;

    public void Add(string field, string message) => _errors.Add(new FieldError(field, message));

    public string? Text(string field, string? value, int maxLength, bool required = false)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            if (required)
            {
                Add(field, "is required");
            }
            return null;
        }
        if (trimmed.Length > maxLength)
        {
            Add(field, $"must be at most {maxLength} characters");
            return null;
        }
        if (TextChecks.Problem(trimmed) is { } problem)
        {
            Add(field, problem);
            return null;
        }
        return trimmed;
    }

    public TEnum? Enum<TEnum>(string field, string? value, bool required = false) where TEnum : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(field, "is required");
            }
            return null;
        }
        if (EnumText.TryParse<TEnum>(value, out var parsed))
        {
            return parsed;
        }
        Add(field, $"must be one of {string.Join(", ", EnumText.Names<TEnum>())}");
        return null;
    }

    public double? Range(string field, double? value, double min, double max)
    {
        if (value is { } number && (double.IsNaN(number) || number < min || number > max))
        {
            Add(field, $"must be between {min} and {max}");
            return null;
        }
        return value;
    }
}

/// <summary>Enums as the API writes them: UPPER_CASE names, parsed without regard to case, never as numbers.</summary>
public static class EnumText
{
    public static bool TryParse<TEnum>(string value, out TEnum parsed) where TEnum : struct, System.Enum =>
        WireNames.TryParse(value.Trim(), out parsed);

    public static IEnumerable<string> Names<TEnum>() where TEnum : struct, System.Enum => WireNames.All<TEnum>();

    public static string Of<TEnum>(TEnum value) where TEnum : struct, System.Enum => WireNames.Of(value);
}
