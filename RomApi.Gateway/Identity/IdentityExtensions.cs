namespace RomApi.Gateway.Identity;

public static class IdentityExtensions
{
    /// <summary>
    /// Accounts, sessions, API keys and the platform token the gateway signs. The identity database is registered in Program.cs.
    /// The gateway signs platform tokens with the SigningKey of identity-secrets, the same secret the services get as platform-auth.
    /// </summary>
    public static IHostApplicationBuilder AddIdentity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSettings<IdentityOptions>(IdentityOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) =>
            {
                options.SigningKey = configuration.GetConnectionStringPart(IdentityOptions.SecretsConnectionName, "SigningKey") ?? "";
                options.AdminPassword = configuration.GetConnectionStringPart(IdentityOptions.SecretsConnectionName, "AdminPassword");
                options.AdminEmail = configuration["Identity:Admin:Email"];
            })
            .Validate(options => options.SigningKey.Length >= PlatformAuthOptions.MinimumKeyLength,
                $"ConnectionStrings:{IdentityOptions.SecretsConnectionName} must contain 'SigningKey=<secret of {PlatformAuthOptions.MinimumKeyLength}+ characters>' " +
                $"(set ConnectionStrings__{IdentityOptions.SecretsConnectionName}); the gateway cannot issue tokens without it.");
        builder.Services.AddOptions<PlatformAuthOptions>()
            .Configure<IConfiguration>((options, configuration) =>
                options.SigningKey = configuration.GetConnectionStringPart(IdentityOptions.SecretsConnectionName, "SigningKey") ?? "");

        builder.Services.AddSingleton<PlatformTokenService>();
        builder.Services.AddSingleton<AccessTokenService>();
        builder.Services.AddScoped<RefreshTokenStore>();
        builder.Services.AddScoped<TokenPair>();
        builder.Services.AddScoped<QuotaUsageReader>();
        builder.Services.AddScoped<LoginThrottle>();
        builder.Services.AddHostedService<LoginFailureSweep>();
        builder.Services.AddSingleton<ApiKeyCache>();
        builder.Services.AddSingleton<ApiKeyLastUsed>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ApiKeyLastUsed>());
        builder.Services.AddHostedService<ApiKeyRevocationListener>();
        builder.Services.AddSingleton<AdminSeeder>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AdminSeeder>());
        builder.Services.AddHealthChecks().AddCheck<AdminSeeder>("admin");
        return builder;
    }
}
