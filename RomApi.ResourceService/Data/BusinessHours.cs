namespace RomApi.ResourceService.Data;

/// <summary>Opening hours of one resource on one day of the week (0 = Sunday).</summary>
public sealed class BusinessHours
{
    public long Id { get; set; }
    public Guid ResourceId { get; set; }
    public short DayOfWeek { get; set; }
    public TimeOnly? OpenTime { get; set; }
    public TimeOnly? CloseTime { get; set; }
    public bool IsClosed { get; set; }
}
