using RomApi.ServiceDefaults.Configuration;

namespace RomApi.Gateway.Identity;

public static class IdentitySetup
{
    /// <summary>The identity secrets, checked at start-up. The identity database itself is registered in Program.cs.</summary>
    public static IHostApplicationBuilder AddIdentity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IdentityOptions>()
            .Configure<IConfiguration>((options, configuration) =>
            {
                options.SigningKey = configuration.GetConnectionStringPart(IdentityOptions.SecretsConnectionName, "SigningKey") ?? "";
                options.AdminPassword = configuration.GetConnectionStringPart(IdentityOptions.SecretsConnectionName, "AdminPassword");
                options.AdminEmail = configuration["Identity:Admin:Email"];
            })
            .Validate(options => options.SigningKey.Length > 0,
                $"ConnectionStrings:{IdentityOptions.SecretsConnectionName} must contain 'SigningKey=<secret>' " +
                $"(set ConnectionStrings__{IdentityOptions.SecretsConnectionName}); the gateway cannot issue tokens without it.")
            .ValidateOnStart();
        return builder;
    }
}
