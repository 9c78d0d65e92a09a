namespace RomApi.Gateway.Identity.Data;

/// <summary>
/// Failed logins for one account from one client address (<see cref="Address"/> = <see cref="AccountWide"/>: from every address),
/// kept in the identity database so that no cache restart forgets them. The account is the SHA-256 of the e-mail as typed
/// (normalized), so rows do not list who was tried and an unknown e-mail is throttled like a known one.
/// </summary>
public sealed class LoginFailure
{
    public const string AccountWide = "*";

    public required string AccountKey { get; set; }
    public required string Address { get; set; }
    public int Failures { get; set; }
    public DateTimeOffset FirstFailureAt { get; set; }
    public DateTimeOffset LastFailureAt { get; set; }

    /// <summary>No password is checked for this account from this address before this time (429 with Retry-After).</summary>
    public DateTimeOffset BlockedUntil { get; set; }
}
