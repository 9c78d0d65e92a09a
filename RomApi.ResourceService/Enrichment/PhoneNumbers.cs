namespace RomApi.ResourceService.Enrichment;

/// <summary>Phone numbers in E.164. Cameroon (+237) numbers have 9 digits (mobile 6..., fixed 2...); bare 9-digit numbers are taken as Cameroonian.</summary>
public static class PhoneNumbers
{
    public const string CameroonCode = "237";

    /// <summary>The E.164 form ("+237699123456"), or null when the text is not a plausible phone number.</summary>
    public static string? ToE164(string text)
    {
        var international = false;
        var digits = new System.Text.StringBuilder(16);
        foreach (var (c, index) in text.Trim().Select((c, i) => (c, i)))
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c == '+' && index == 0)
            {
                international = true;
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')' or '/'))
            {
                return null;
            }
        }
        var number = digits.ToString();
        if (!international && number.StartsWith("00", StringComparison.Ordinal))
        {
            international = true;
            number = number[2..];
        }
        if (!international && number.Length == 12 && number.StartsWith(CameroonCode, StringComparison.Ordinal))
        {
            international = true;
        }
        if (!international)
        {
            return number.Length == 9 && number[0] is '2' or '6' ? "+" + CameroonCode + number : null;
        }
        if (number.StartsWith(CameroonCode, StringComparison.Ordinal))
        {
            return number.Length == 12 ? "+" + number : null;
        }
        return number.Length is >= 8 and <= 15 && number[0] != '0' ? "+" + number : null;
    }
}
