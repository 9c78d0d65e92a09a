using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using RomApi.Platform.Configuration;

namespace RomApi.Platform.Auth;

public static class PlatformAuthExtensions
{
    /// <summary>Binds the platform signing key and stops start-up with a clear message when it is missing.</summary>
    public static void AddPlatformAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PlatformAuthOptions>()
            .Configure<IConfiguration>((options, configuration) =>
                options.SigningKey = configuration.GetConnectionStringPart(PlatformAuthOptions.ConnectionName, "SigningKey") ?? "")
            .Validate(options => options.SigningKey.Length >= PlatformAuthOptions.MinimumKeyLength,
                $"ConnectionStrings:{PlatformAuthOptions.ConnectionName} must be 'SigningKey=<secret of {PlatformAuthOptions.MinimumKeyLength}+ characters>' " +
                $"(set ConnectionStrings__{PlatformAuthOptions.ConnectionName}); the service cannot trust the gateway without it.")
            .ValidateOnStart();

        builder.Services.AddSingleton<PlatformTokenService>();
        builder.Services.AddAuthentication(PlatformAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, PlatformAuthenticationHandler>(PlatformAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization();
    }
}
