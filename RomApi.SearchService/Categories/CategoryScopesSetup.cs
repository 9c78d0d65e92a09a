using Microsoft.Extensions.Options;

namespace RomApi.SearchService.Categories;

public static class CategoryScopesSetup
{
    public static IHostApplicationBuilder AddCategoryScopes(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CategoryScopeOptions>().BindConfiguration(CategoryScopeOptions.SectionName);
        builder.Services.AddHttpClient(CategoryScopes.HttpClientName, (services, client) =>
            client.BaseAddress = new Uri(services.GetRequiredService<IOptions<CategoryScopeOptions>>().Value.ResourceServiceBaseAddress));
        builder.Services.AddSingleton<CategoryScopes>();
        return builder;
    }
}
