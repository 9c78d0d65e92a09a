namespace RomApi.Tests.ServiceDefaults;

/// <summary>The one text rule (UTS #39 / #55): bidirectional controls and invisible characters refused, what emoji and scripts need kept.</summary>
public sealed class TextChecksTests
{
    [Theory]
    [InlineData("Boulangerie \u202Egpj.exe", "U+202E")]       // right-to-left override: shows as "exe.jpg"
    [InlineData("Pharmacie\u200B du Centre", "U+200B")]       // zero-width space: two names that look the same
    [InlineData("\u2066Hotel\u2069", "U+2066")]               // isolates
    [InlineData("Cafe\u200E", "U+200E")]                      // left-to-right mark
    [InlineData("Ba\u061Cr", "U+061C")]                       // Arabic letter mark
    [InlineData("\uFEFFBanque", "U+FEFF")]                    // byte-order mark inside text
    [InlineData("Gare\u2060Routiere", "U+2060")]              // word joiner
    [InlineData("\u3164", "U+3164")]                          // Hangul filler: a name that looks empty
    [InlineData("Soft\u00ADhyphen", "U+00AD")]
    [InlineData("\u200DLeading joiner", "U+200D")]            // a joiner with nothing before it
    [InlineData("Trailing joiner\u200D", "U+200D")]
    [InlineData("Double \U0001F468\u200D\u200D\U0001F469", "U+200D")]
    [InlineData("Tag \U000E0041 outside a flag", "U+E0041")]
    public void Bidirectional_controls_and_invisible_characters_are_refused_by_code_point(string text, string codePoint)
    {
        var problem = TextChecks.Problem(text);

        Assert.NotNull(problem);
        Assert.Contains(codePoint, problem);
    }

    [Theory]
    [InlineData("Boulangerie Akwa – Douala")]
    [InlineData("Famille \U0001F468\u200D\U0001F469\u200D\U0001F467")]    // emoji joined by ZWJ
    [InlineData("Coeur \u2764\uFE0F\u200D\U0001F525")]                   // variation selector then joiner
    [InlineData("Drapeau \U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F")] // subdivision flag (tags)
    [InlineData("\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645")]      // Persian with a zero-width non-joiner between letters
    [InlineData("\u0915\u094D\u200D\u0937")]                              // Devanagari half form with ZWJ
    [InlineData("\u0645\u0637\u0639\u0645 \u0627\u0644\u0639\u0627\u0635\u0645\u0629")] // right-to-left text itself is fine
    [InlineData("Ligne 1\nLigne 2\tfin")]
    public void Ordinary_text_emoji_sequences_and_joiners_between_letters_are_accepted(string text)
    {
        Assert.Null(TextChecks.Problem(text));
    }
}
