namespace RomApi.Gateway.Docs;

public static class DocsSetup
{
    public static IHostApplicationBuilder AddDocs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient(CombinedOpenApi.HttpClientName);
        builder.Services.AddSingleton<CombinedOpenApi>();
        builder.Services.AddOpenApi();
        return builder;
    }
}
