namespace RomApi.ResourceService.BulkImport;

/// <summary>
/// Reads, validates and enriches every item on its own, so that one bad item never sinks the batch: a refused item becomes an
/// <see cref="IngestError"/> with its index, and a second item with an externalId or slug seen earlier in the batch is refused.
/// </summary>
public static class ImportItemParser
{
    public static List<ImportItem> Parse(JsonElement resources, CategoryIndex categories, PlatformIdentity caller, ResourceNormalizer normalizer,
        JsonSerializerOptions options, List<IngestError> errors)
    {
        var items = new List<ImportItem>(resources.GetArrayLength());
        var externalIds = new HashSet<string>(StringComparer.Ordinal);
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        var index = -1;
        foreach (var element in resources.EnumerateArray())
        {
            index++;
            if (Read(element, index, options, errors) is not { } input)
            {
                continue;
            }
            var fieldErrors = new FieldErrors();
            var fields = normalizer.Normalize(input, categories, caller.IsAdmin, fieldErrors);
            if (fields is null)
            {
                var first = fieldErrors.Items[0];
                errors.Add(new IngestError(index, ErrorCodes.ValidationError,
                    string.Join("; ", fieldErrors.Items.Select(e => $"{e.Field} {e.Message}")), first.Field));
                continue;
            }
            if ((fields.ExternalId is { } externalId && !externalIds.Add(externalId)) ||
                (fields.RequestedSlug is { } slug && !slugs.Add(slug)))
            {
                errors.Add(new IngestError(index, ErrorCodes.Conflict, "The same externalId or slug appears earlier in this batch.",
                    fields.ExternalId is null ? "slug" : "externalId"));
                continue;
            }
            items.Add(new ImportItem(index, fields));
        }
        return items;
    }

    private static ResourceInput? Read(JsonElement element, int index, JsonSerializerOptions options, List<IngestError> errors)
    {
        try
        {
            var input = element.ValueKind == JsonValueKind.Object ? element.Deserialize<ResourceInput>(options) : null;
            if (input is null)
            {
                errors.Add(new IngestError(index, ErrorCodes.BadRequest, "Each item must be a JSON object."));
            }
            return input;
        }
        catch (JsonException exception)
        {
            errors.Add(new IngestError(index, ErrorCodes.BadRequest, "A value has a wrong type.", exception.Path?.TrimStart('$', '.')));
            return null;
        }
    }
}
