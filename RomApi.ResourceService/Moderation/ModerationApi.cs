namespace RomApi.ResourceService.Moderation;

public static class ModerationApi
{
    public static RouteGroupBuilder MapModerationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiResourcesApi.BasePath + "/{id:guid}").WithTags("Moderation");
        api.MapPost("/publish", (Guid id, HttpContext context, ResourceWriter writer, TimeProvider time, CancellationToken ct) =>
                ModerateAsync(id, ChangeType.Published, context, writer, time, ct))
            .WithName("PublishApiResource").WithAccess(ApiAccess.Admin).Produces<ApiResponse<ApiResourceDto>>()
            .WithSummary("Admin: status ACTIVE, publishedAt set (kept when already published); the resource becomes public.");
        api.MapPost("/suspend", (Guid id, HttpContext context, ResourceWriter writer, TimeProvider time, CancellationToken ct) =>
                ModerateAsync(id, ChangeType.Suspended, context, writer, time, ct))
            .WithName("SuspendApiResource").WithAccess(ApiAccess.Admin).Produces<ApiResponse<ApiResourceDto>>()
            .WithSummary("Admin: status SUSPENDED; the resource leaves public lists and search.");
        api.MapPost("/verify", (Guid id, HttpContext context, ResourceWriter writer, TimeProvider time, CancellationToken ct) =>
                ModerateAsync(id, ChangeType.Verified, context, writer, time, ct))
            .WithName("VerifyApiResource").WithAccess(ApiAccess.Admin).Produces<ApiResponse<ApiResourceDto>>()
            .WithSummary("Admin: marks the resource verified.");
        return api;
    }

    public static async Task<IResult> ModerateAsync(
        Guid id, ChangeType action, HttpContext context, ResourceWriter writer, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = context.GetPlatformIdentity();
        if (caller.AdminDenied() is { } denied)
        {
            return denied;
        }
        await using var transaction = await writer.BeginAsync(cancellationToken);
        var (resource, refusal) = await writer.LoadForChangeAsync(id, caller, context.Request.Headers.IfMatch, cancellationToken, adminOnly: true);
        if (refusal is not null)
        {
            return refusal;
        }
        switch (action)
        {
            case ChangeType.Published:
                resource!.Status = ResourceStatus.Active;
                resource.PublishedAt ??= time.GetUtcNow();
                break;
            case ChangeType.Suspended:
                resource!.Status = ResourceStatus.Suspended;
                break;
            default:
                resource!.Verified = true;
                break;
        }
        var written = await writer.CommitAsync(transaction, resource, action, [], cancellationToken);
        return new RawEnvelopeResult(written.Json, time, written.ETag);
    }
}
