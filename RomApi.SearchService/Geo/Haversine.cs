namespace RomApi.SearchService.Geo;

/// <summary>Great-circle distance on a sphere of the Earth's mean radius, and the bounding box that contains a radius.</summary>
public static class Haversine
{
    public const double EarthRadiusKm = 6371.0088;

    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        var dLat = ToRadians(lat2 - lat1);
        var dLon = ToRadians(lon2 - lon1);
        var a = Math.Pow(Math.Sin(dLat / 2), 2) +
                Math.Cos(ToRadians(lat1)) * Math.Cos(ToRadians(lat2)) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>A latitude/longitude box holding every point within the radius; null longitude bounds when it spans a pole or the antimeridian.</summary>
    public static (double MinLat, double MaxLat, double? MinLon, double? MaxLon) BoundingBox(double lat, double lon, double radiusKm)
    {
        var dLat = radiusKm / EarthRadiusKm * 180 / Math.PI;
        var minLat = lat - dLat;
        var maxLat = lat + dLat;
        if (minLat <= -90 || maxLat >= 90)
        {
            return (Math.Max(minLat, -90), Math.Min(maxLat, 90), null, null);
        }
        var dLon = Math.Asin(Math.Min(1, Math.Sin(radiusKm / EarthRadiusKm) / Math.Cos(ToRadians(lat)))) * 180 / Math.PI;
        if (lon - dLon < -180 || lon + dLon > 180)
        {
            return (minLat, maxLat, null, null);
        }
        return (minLat, maxLat, lon - dLon, lon + dLon);
    }

    private static double ToRadians(double degrees) => degrees * Math.PI / 180;
}
