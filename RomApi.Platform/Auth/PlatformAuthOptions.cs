namespace RomApi.Platform.Auth;

/// <summary>
/// The key that checks the identity token the gateway signs for each proxied request.
/// Comes from ConnectionStrings:platform-auth ("SigningKey=..."); never logged.
/// </summary>
public sealed class PlatformAuthOptions
{
    public const string ConnectionName = "platform-auth";

    /// <summary>HS256 wants a key of at least 256 bits.</summary>
    public const int MinimumKeyLength = 32;

    public string SigningKey { get; set; } = "";
}
