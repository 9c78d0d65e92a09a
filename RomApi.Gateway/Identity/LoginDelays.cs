namespace RomApi.Gateway.Identity;

/// <summary>
/// How long an account waits before its password is checked again from one client address, after that address's
/// <c>failures</c>-th failure on it: nothing for the first <see cref="IdentityOptions.FreeLoginFailures"/> - 1, then
/// <see cref="IdentityOptions.FirstLoginDelay"/> doubling up to <see cref="IdentityOptions.MaxLoginDelay"/>. Once the account as a
/// whole has failed <see cref="IdentityOptions.AccountLoginCeiling"/> times within <see cref="IdentityOptions.AccountLoginWindow"/>
/// (many addresses guessing), every address waits from its first failure. Nothing ever stops an address that has not failed.
/// </summary>
public static class LoginDelays
{
    public static TimeSpan After(int failures, bool accountOverCeiling, IdentityOptions options)
    {
        var free = accountOverCeiling ? 1 : Math.Max(1, options.FreeLoginFailures);
        if (failures < free)
        {
            return TimeSpan.Zero;
        }
        var doublings = Math.Min(failures - free, 30);
        var delay = options.FirstLoginDelay * Math.Pow(2, doublings);
        return delay < options.MaxLoginDelay ? delay : options.MaxLoginDelay;
    }
}
