using Microsoft.OpenApi;
using RomApi.ResourceService.Hours;
using RomApi.ResourceService.Images;
using RomApi.ResourceService.BulkImport;

namespace RomApi.ResourceService;

/// <summary>
/// What the resource service's OpenAPI document takes from its types (see <see cref="ApiDocumentExtensions"/>); its title and
/// tags are in appsettings.json ("OpenApi:Document").
/// </summary>
public static class ApiDocument
{
    public static IServiceCollection AddResourceApiDocument(this IServiceCollection services) => services.AddApiDocument(document =>
    {
        string[] types = ApiDocumentOptions.Names<ResourceType>();
        document.Schema<ResourceInput>(["name", "resourceType"], new()
        {
            ["resourceType"] = types,
            ["plan"] = ApiDocumentOptions.Names<ResourcePlan>(),
        });
        document.Schema<CategoryInput>(["name"]);
        document.QueryEnums["resourceType"] = types;
        document.QueryEnums["status"] = ApiDocumentOptions.Names<ResourceStatus>();
        document.QueryEnums["plan"] = ApiDocumentOptions.Names<ResourcePlan>();
        document.QueryEnums["sort"] = [.. ResourceLister.Sorts];
        document.Schema<ImageInput>(["url"]);
        document.Schema<HoursInput>(["dayOfWeek"]);
        document.Schema<IngestRequest>(["resources"], new() { ["mode"] = ["create", "upsert"] });
    }, options => options.AddDocumentTransformer((document, context, cancellationToken) =>
    {
        // The ingest body is read item by item (one bad item never sinks the batch), so it is typed as raw JSON; document its shape:
        // each item is the body of POST /api/v1/api-resources.
        foreach (var textBody in new[] { nameof(ResourceInput), nameof(CategoryInput) })
        {
            if (document.Components?.Schemas?.TryGetValue(textBody, out var schema) == true && schema is OpenApiSchema textSchema)
            {
                textSchema.Description = TextChecks.Rule;
            }
        }
        if (document.Components?.Schemas?.TryGetValue(nameof(IngestRequest), out var ingest) == true && ingest is OpenApiSchema { Properties: { } properties })
        {
            properties["resources"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                MaxItems = 10_000,
                Items = new OpenApiSchemaReference(nameof(ResourceInput), document),
                Description = "The resources, each as the body of POST /api/v1/api-resources; externalId keys an upsert (else the slug).",
            };
        }
        return Task.CompletedTask;
    }));
}
