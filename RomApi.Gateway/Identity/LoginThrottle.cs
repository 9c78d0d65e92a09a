using Microsoft.Extensions.Options;
using RomApi.Gateway.Limits;
using System.Security.Cryptography;
using System.Text;

namespace RomApi.Gateway.Identity;

/// <summary>
/// Counts failed logins per email and per client IP (shared by the replicas through Redis). Past either limit, logins are refused
/// with 429 until the window ends, even with the right password: a guesser learns nothing from trying.
/// </summary>
public sealed class LoginThrottle(DistributedCounters counters, IOptions<IdentityOptions> options)
{
    public async Task<TimeSpan?> BlockedForAsync(string email, string ip)
    {
        var result = await counters.CountAsync(CountersFor(email, ip), checkOnly: true);
        return result.RejectedBy is null ? null : result.ResetsIn.Max();
    }

    public async Task RecordFailureAsync(string email, string ip) => await counters.CountAsync(CountersFor(email, ip));

    public async Task RecordSuccessAsync(string email) => await counters.ResetAsync(EmailKey(email));

    private Counter[] CountersFor(string email, string ip)
    {
        var settings = options.Value;
        return
        [
            new Counter("login_email", EmailKey(email), settings.MaxLoginFailuresPerEmail, settings.LoginFailureWindow),
            new Counter("login_ip", $"lf:ip:{ip}", settings.MaxLoginFailuresPerIp, settings.LoginFailureWindow),
        ];
    }

    // Hashed so that Redis keys do not list who tried to log in.
    private static string EmailKey(string email) =>
        $"lf:email:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(email)))[..32]}";
}
