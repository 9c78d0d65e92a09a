namespace RomApi.SearchService.Categories;

public static class CategoryScopesExtensions
{
    public static IHostApplicationBuilder AddCategoryScopes(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSettings<CategoryScopeOptions>(CategoryScopeOptions.SectionName);
        builder.Services.AddHttpClient(CategoryScopes.HttpClientName, client =>
            client.BaseAddress = ServiceNames.DiscoveryAddress(ServiceNames.ResourceService));
        builder.Services.AddSingleton<CategoryScopes>();
        return builder;
    }
}
