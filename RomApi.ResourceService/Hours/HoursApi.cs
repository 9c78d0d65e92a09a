using System.Globalization;

namespace RomApi.ResourceService.Hours;

/// <summary>One day in PUT /hours: times "HH:mm"; a closed day needs none.</summary>
public sealed record HoursInput(int? DayOfWeek, string? OpenTime, string? CloseTime, bool? IsClosed);

public static class HoursApi
{
    public static RouteGroupBuilder MapHoursApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiResourcesApi.BasePath + "/{id:guid}/hours").WithTags("Opening hours");
        api.MapGet("", GetHours).WithName("GetHours").Produces<ApiResponse<IReadOnlyList<HoursDto>>>()
            .WithSummary("The opening hours (empty until set), by day 0 (Sunday) .. 6.");
        api.MapPut("", PutHours).WithName("PutHours").ProducesErrors(StatusCodes.Status412PreconditionFailed).Produces<ApiResponse<IReadOnlyList<HoursDto>>>()
            .WithSummary("Replaces the week: exactly 7 entries, one per dayOfWeek 0..6 (owner or admin; If-Match on the resource's ETag).")
            .WithDescription("closeTime before openTime means the day closes after midnight.");
        return api;
    }

    public static async Task<IResult> GetHours(Guid id, HttpContext context, ResourceReader reader, TimeProvider time, CancellationToken cancellationToken)
    {
        var (resource, error) = await reader.GetVisibleAsync(id, context.GetPlatformIdentity(), cancellationToken);
        return error ?? (IResult)TypedResults.Ok(new ApiResponse<IReadOnlyList<HoursDto>>(resource!.Hours, null, time.GetUtcNow()));
    }

    public static async Task<IResult> PutHours(
        Guid id, HoursInput[] week, HttpContext context, ResourceWriter writer, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = context.GetPlatformIdentity();
        var errors = new FieldErrors();
        var hours = Validate(week, errors);
        await using var transaction = await writer.BeginAsync(cancellationToken);
        var (resource, refusal) = await writer.LoadForChangeAsync(id, caller, context.Request.Headers.IfMatch, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        if (errors.Any)
        {
            return ApiErrors.Validation(errors.Items);
        }
        resource!.Hours.Clear();
        foreach (var day in hours)
        {
            day.ResourceId = id;
            resource.Hours.Add(day);
        }
        var written = await writer.CommitAsync(transaction, resource, ChangeType.Updated, [], cancellationToken);
        context.Response.Headers.ETag = written.ETag;
        return TypedResults.Ok(new ApiResponse<IReadOnlyList<HoursDto>>(written.Resource.Hours, null, time.GetUtcNow()));
    }

    private static List<BusinessHours> Validate(HoursInput[] week, FieldErrors errors)
    {
        if (week.Length != 7)
        {
            errors.Add("hours", "must have exactly 7 entries, one per day");
            return [];
        }
        var result = new List<BusinessHours>();
        for (var i = 0; i < week.Length; i++)
        {
            var day = week[i];
            var field = $"hours[{i}]";
            if (day is null || day.DayOfWeek is not (>= 0 and <= 6))
            {
                errors.Add($"{field}.dayOfWeek", "must be 0 (Sunday) to 6");
                continue;
            }
            if (result.Any(existing => existing.DayOfWeek == day.DayOfWeek))
            {
                errors.Add($"{field}.dayOfWeek", "appears twice");
                continue;
            }
            var closed = day.IsClosed ?? false;
            var open = closed ? null : Time($"{field}.openTime", day.OpenTime, errors);
            var close = closed ? null : Time($"{field}.closeTime", day.CloseTime, errors);
            if (!closed && open is not null && open == close)
            {
                errors.Add($"{field}.closeTime", "must differ from openTime");
            }
            result.Add(new BusinessHours { DayOfWeek = (short)day.DayOfWeek, OpenTime = open, CloseTime = close, IsClosed = closed });
        }
        return result;
    }

    private static TimeOnly? Time(string field, string? value, FieldErrors errors)
    {
        if (value is { Length: 5 } && TimeOnly.TryParseExact(value, ApiResourceMapping.TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }
        errors.Add(field, "must be a time \"HH:mm\" (required unless isClosed)");
        return null;
    }
}
