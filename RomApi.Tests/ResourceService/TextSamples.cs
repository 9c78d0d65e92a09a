namespace RomApi.Tests.ResourceService;

/// <summary>Text that breaks naive SQL and encodings: quotes, comment and wildcard characters, emoji (surrogate pairs), accents.</summary>
public static class TextSamples
{
    public const string Nasty = "Robert'); DROP TABLE api_resources;-- \" \\ % _ ; /* */ 🦁🇨🇲 Café";

    /// <summary>Quotes, comment dashes, wildcards and an emoji are all allowed in an address's local part.</summary>
    public const string NastyEmail = "robert'--%_*/🦁@example.cm";

    /// <summary>SQL in the query string, already in the canonical form a URL is stored in.</summary>
    public const string NastyWebsite = "https://example.cm/search?q=1'%20OR%20'1'='1;--&x=%25_%F0%9F%A6%81";
}
