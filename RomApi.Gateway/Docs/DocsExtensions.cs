namespace RomApi.Gateway.Docs;

public static class DocsExtensions
{
    public static IHostApplicationBuilder AddDocs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSettings<DocsOptions>("Docs");
        builder.Services.AddHttpClient(CombinedOpenApi.HttpClientName);
        builder.Services.AddSingleton<CombinedOpenApi>();
        builder.Services.AddHostedService<CombinedOpenApiWarmup>();
        builder.Services.AddApiDocument(document =>
        {
            document.Title = "ROMAPI gateway";
            document.Description = "Identity (accounts, sessions) and API keys; the gateway also routes the services' public paths.";
            document.Tags["Identity"] = "Register, log in, refresh and end sessions; the calling account.";
            document.Tags["API keys"] = "Keys for third-party apps, each with permissions and an hourly limit; managed with an access token.";
            document.Schema<RegisterRequest>(["email", "password", "name"], new() { ["userType"] = ["INDIVIDUAL", "BUSINESS"] });
            document.Schema<LoginRequest>(["email", "password"]);
            document.Schema<RefreshRequest>(["refreshToken"]);
            document.Schema<CreateApiKeyRequest>(["name", "permissions"], new() { ["permissions"] = [.. Permissions.All] });
            document.Schema<UserProfile>(["id", "email", "name", "userType", "plan", "apiQuota", "apiUsage", "createdAt"], new()
            {
                ["userType"] = ApiDocumentOptions.Names<UserType>(),
                ["plan"] = ApiDocumentOptions.Names<UserPlan>(),
            });
        });
        return builder;
    }
}
