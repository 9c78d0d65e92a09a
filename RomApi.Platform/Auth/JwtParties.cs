namespace RomApi.Platform.Auth;

/// <summary>
/// Who signs a kind of token and who it is for. Each kind (the platform identity token, the users' access token) has a pair of
/// its own and is checked against it, so a token of one kind is never accepted where the other is expected.
/// </summary>
public sealed record JwtParties(string Issuer, string Audience);
