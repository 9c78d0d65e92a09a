using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using RomApi.Gateway.Limits;

namespace RomApi.Tests.Gateway;

/// <summary>
/// A setting an operator mistypes stops the gateway at start, naming the setting, rather than starting healthy and failing every
/// request that reads it.
/// </summary>
public sealed class MistypedSettingTests
{
    [Fact]
    public async Task A_limit_that_is_not_a_number_stops_the_host_at_start_and_names_the_setting()
    {
        var builder = Host.CreateApplicationBuilder(["--Limits:AnonymousPerMinute", "sixty"]);
        builder.AddLimits();
        // The limits' counter sync needs Redis; what is checked here happens before any background work starts.
        builder.Services.RemoveAll<IHostedService>();
        using var host = builder.Build();

        var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("'sixty' at 'Limits:AnonymousPerMinute'", error.Message, StringComparison.Ordinal);
    }
}
