namespace RomApi.ResourceService.BulkImport;

/// <summary>What a valid import request asks for, once its shape and the caller's right to it have been checked.</summary>
public sealed record ImportSettings(int Received, bool Upsert, bool Publish, bool DryRun);

/// <summary>The rules on the request as a whole, before any item is read: an array, not too many items, a known mode, the right caller.</summary>
public static class ImportRequestRules
{
    public const int MaxItems = 10_000;
    public const int MaxItemsWithoutAdmin = 1_000;

    public static (ImportSettings? Settings, ErrorResult? Error) Check(IngestRequest request, PlatformIdentity caller)
    {
        if (request.Resources.ValueKind != JsonValueKind.Array)
        {
            return (null, ApiErrors.BadRequest("resources must be an array."));
        }
        var received = request.Resources.GetArrayLength();
        if (received > MaxItems)
        {
            return (null, new ErrorResult(413, ErrorCodes.PayloadTooLarge, $"At most {MaxItems} resources per call; got {received}."));
        }
        bool? upsert = request.Mode?.ToLowerInvariant() switch
        {
            null or "create" => false,
            "upsert" => true,
            _ => null,
        };
        if (upsert is null)
        {
            return (null, ApiErrors.Validation([new FieldError("mode", "must be create or upsert")]));
        }
        var publish = request.Publish ?? false;
        if ((received > MaxItemsWithoutAdmin || publish) && !caller.IsAdmin)
        {
            return (null, ApiErrors.Forbidden($"Only an admin may ingest more than {MaxItemsWithoutAdmin} items or publish them."));
        }
        return (new ImportSettings(received, upsert.Value, publish, request.DryRun ?? false), null);
    }
}
