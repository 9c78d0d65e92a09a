namespace RomApi.ResourceService.Data;

/// <summary>Column lengths, shared by the model and by validation so that a valid request always fits.</summary>
public static class FieldLimits
{
    public const int Name = 200;
    public const int CategoryName = 100;
    public const int Slug = 220;
    public const int Icon = 100;
    public const int ExternalId = 200;
    public const int Description = 5000;
    public const int CategoryDescription = 1000;
    public const int AddressLine = 200;
    public const int Place = 100;
    public const int PostalCode = 20;
    public const int Phone = 20;
    public const int Email = 254;
    public const int Url = 1000;
    public const int AltText = 300;
    public const int MetaTitle = 200;
    public const int MetaDescription = 500;
}
