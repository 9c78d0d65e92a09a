using RomApi.Loader;

namespace RomApi.Tests.Tools;

/// <summary>The loader's pure parts: options and their one-line errors, rows traced to their file lines.</summary>
public sealed class LoaderTests
{
    [Theory]
    [InlineData(new[] { "--batch", "0" }, "--batch must be between 1 and 10000.")]
    [InlineData(new[] { "--gateway", "localhost:8080" }, "--gateway must be an http(s) address such as http://localhost:8080, not 'localhost:8080'.")]
    [InlineData(new[] { "--only", "everything" }, "--only must be osm or apis.")]
    [InlineData(new[] { "--pasword", "x" }, "Unknown option '--pasword' (see --help).")]
    [InlineData(new[] { "--password" }, "--password needs a value (see --help).")]
    public void A_bad_command_line_is_one_line_and_exit_code_2(string[] args, string message)
    {
        var refused = Assert.Throws<LoaderException>(() => LoaderOptions.Parse(args));

        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        Assert.Equal(message, refused.Message);
    }

    [Fact]
    public void Rows_keep_their_file_line_across_blank_lines()
    {
        var folder = Directory.CreateTempSubdirectory("romapi-loader-");
        try
        {
            var file = Path.Combine(folder.FullName, SourceRows.PublicApisFile);
            File.WriteAllLines(file,
            [
                """{"name": "A", "description": "a", "category": "Books", "auth": null, "https": true, "cors": "yes", "url": "https://a.example"}""",
                "",
                """{"name": "B", "description": "b", "category": "Books", "auth": "apiKey", "https": false, "cors": null, "url": "https://b.example"}""",
            ]);

            var rows = SourceRows.PublicApis(file).ToList();

            Assert.Equal([1, 3], rows.Select(row => row.Line));
            Assert.All(rows, row => Assert.Equal(SourceRows.PublicApisFile, row.File));
            Assert.Equal("public-apis:B|https://b.example", rows[1].Item.ExternalId);
            Assert.Equal("https://b.example", rows[1].Item.Contact!.Website);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_missing_data_folder_is_exit_code_4_naming_the_option()
    {
        var refused = Assert.Throws<LoaderException>(() => Repository.ResolveDataDirectory("/nonexistent/data", root: null));

        Assert.Equal(ExitCodes.DataMissing, refused.ExitCode);
        Assert.Contains("--data", refused.Message);
    }
}
