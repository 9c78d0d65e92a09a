using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RomApi.Platform.Configuration;

public static class SettingsExtensions
{
    /// <summary>
    /// <typeparamref name="TOptions"/> bound to the configuration section <paramref name="section"/> and checked when the host
    /// starts: a value that cannot be read as its setting's type (<c>Limits__AnonymousPerMinute=sixty</c>) stops the service with
    /// the binder's message naming the setting, instead of a service that reports healthy and fails each request that reads it.
    /// </summary>
    public static OptionsBuilder<TOptions> AddSettings<TOptions>(this IServiceCollection services, string section) where TOptions : class =>
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
}
