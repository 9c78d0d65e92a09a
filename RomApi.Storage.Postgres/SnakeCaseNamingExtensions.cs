using System.Text;

namespace RomApi.Storage.Postgres;

/// <summary>PostgreSQL folds unquoted names to lower case, so columns are named in snake_case (EFCore.NamingConventions is not available here).</summary>
public static class SnakeCaseNamingExtensions
{
    public static ModelBuilder UseSnakeCaseColumnNames(this ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnakeCase(property.Name));
            }
        }
        return modelBuilder;
    }

    public static string ToSnakeCase(string name)
    {
        var result = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && !char.IsUpper(name[i - 1]))
            {
                result.Append('_');
            }
            result.Append(char.ToLowerInvariant(name[i]));
        }
        return result.ToString();
    }
}
