namespace RomApi.OpenApi;

public static class ApiDocumentExtensions
{
    /// <summary>
    /// The service's OpenAPI document at /openapi/v1.json, shaped for client generators (see <see cref="ApiDocumentTransformers"/>).
    /// </summary>
    public static IServiceCollection AddApiDocument(
        this IServiceCollection services, Action<ApiDocumentOptions> configure, Action<OpenApiOptions>? more = null)
    {
        services.AddOptions<ApiDocumentOptions>().BindConfiguration(ApiDocumentOptions.SectionName).Configure(configure).ValidateOnStart();
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer(ApiDocumentTransformers.Document);
            options.AddOperationTransformer(ApiDocumentTransformers.Operation);
            options.AddSchemaTransformer(ApiDocumentTransformers.Schema);
            more?.Invoke(options);
            // Every operation's errors reference the envelope: make sure its schema is in the document even where no endpoint returns it by type.
            options.AddDocumentTransformer(async (document, context, cancellationToken) =>
            {
                document.Components ??= new Microsoft.OpenApi.OpenApiComponents();
                document.Components.Schemas ??= new Dictionary<string, Microsoft.OpenApi.IOpenApiSchema>();
                if (!document.Components.Schemas.ContainsKey(ApiDocumentTransformers.ErrorSchema))
                {
                    document.AddComponent(ApiDocumentTransformers.ErrorSchema,
                        await context.GetOrCreateSchemaAsync(typeof(ApiErrorResponse), cancellationToken: cancellationToken));
                }
            });
        });
        return services;
    }

}
