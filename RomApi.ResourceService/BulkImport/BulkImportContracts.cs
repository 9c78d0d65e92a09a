namespace RomApi.ResourceService.BulkImport;

/// <summary>
/// POST /api-resources/ingest. <see cref="Resources"/> holds the items (each like the POST body); they are read one by one so
/// that one malformed item fails alone. <see cref="Mode"/> is "create" (default) or "upsert".
/// </summary>
public sealed record IngestRequest(JsonElement Resources, string? Mode, bool? Publish, bool? DryRun);

public sealed record IngestError(int Index, string Code, string Message, string? Field = null);

public sealed record IngestResult(int Received, int Created, int Updated, int Failed, bool DryRun, IReadOnlyList<IngestError> Errors);
