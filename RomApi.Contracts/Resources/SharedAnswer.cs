namespace RomApi.Contracts.Resources;

/// <summary>
/// How the resource service tells the gateway that an answer may be shared by every anonymous and API-key caller: a 200 of
/// published, public data carries <see cref="MaxAgeHeader"/> with the seconds a shared copy may be served. The gateway's
/// response cache stores only such answers and strips the header, so clients never see it.
/// </summary>
public static class SharedAnswer
{
    public const string MaxAgeHeader = "X-RomApi-Shared-Max-Age";
}
