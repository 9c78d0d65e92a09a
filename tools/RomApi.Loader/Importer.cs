using Spectre.Console;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace RomApi.Loader;

/// <summary>Logs in and sends the rows in batches through the typed client; maps refused items back to their file lines.</summary>
public sealed class Importer(RomApiClient client, LoaderOptions options, IAnsiConsole progressConsole)
{
    private const int RefusalsListed = 50;

    public static List<(string Label, List<SourceRow> Rows)> ReadSources(LoaderOptions options, string data)
    {
        var sources = new List<(string Label, List<SourceRow> Rows)>();
        if (options.Replicate is { } target)
        {
            var osm = Path.Combine(data, SourceRows.OsmFile);
            var rows = new List<SourceRow>(target);
            for (var copy = 1; rows.Count < target; copy++)
            {
                rows.AddRange(SourceRows.Osm(osm, copy).Take(target - rows.Count));
            }
            sources.Add(($"replicated OSM x{target}", rows));
            return sources;
        }
        if (options.Only is "all" or "osm")
        {
            sources.Add((SourceRows.OsmFile, SourceRows.Osm(Path.Combine(data, SourceRows.OsmFile)).ToList()));
        }
        if (options.Only is "all" or "apis")
        {
            sources.Add((SourceRows.PublicApisFile, SourceRows.PublicApis(Path.Combine(data, SourceRows.PublicApisFile)).ToList()));
        }
        return sources;
    }

    public async Task<string> LoginAsync((string Password, string Source) password, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await client.LoginAsync(new LoginRequest { Email = options.Email, Password = password.Password }, cancellationToken);
            Console.Error.WriteLine($"Logged in to {options.Gateway} as {options.Email} (password from {password.Source}).");
            return answer.Data.AccessToken;
        }
        catch (RomApiException<ApiErrorResponse> refused) when (refused.StatusCode == 401)
        {
            throw new LoaderException(ExitCodes.NoCredentials,
                $"Login as {options.Email} refused ({refused.Result.Error.Code}): the password from {password.Source} is not this gateway's admin password. " +
                "Pass --password (the AppHost's admin-password parameter) or --email.");
        }
        catch (RomApiException<ApiErrorResponse> refused)
        {
            throw new LoaderException(ExitCodes.NoCredentials,
                $"Login as {options.Email} failed: {refused.StatusCode} {refused.Result.Error.Code}: {refused.Result.Error.Message}");
        }
        catch (HttpRequestException exception)
        {
            throw Unreachable(exception);
        }
    }

    public async Task<int> ImportAsync(List<(string Label, List<SourceRow> Rows)> sources, string token, CancellationToken cancellationToken)
    {
        client.SetBearer(token);
        var total = sources.Sum(source => source.Rows.Count);
        int created = 0, updated = 0;
        var refused = new List<(SourceRow Row, IngestError Error)>();
        var clock = Stopwatch.StartNew();

        async Task SendAllAsync(ProgressContext? context)
        {
            foreach (var (label, rows) in sources)
            {
                var task = context?.AddTask(label, maxValue: rows.Count);
                var sent = 0;
                foreach (var batch in rows.Chunk(options.BatchSize))
                {
                    ApiResponseOfIngestResult answer;
                    try
                    {
                        answer = await client.IngestApiResourcesAsync(new IngestRequest
                        {
                            Resources = [.. batch.Select(row => row.Item)],
                            Mode = IngestRequestMode.Upsert,
                            Publish = options.Publish,
                        }, cancellationToken);
                    }
                    catch (RomApiException<ApiErrorResponse> failed)
                    {
                        throw new LoaderException(ExitCodes.ImportFailed,
                            $"{label}: the batch of rows {batch[0].Line}-{batch[^1].Line} was refused ({failed.StatusCode} {failed.Result.Error.Code}: " +
                            $"{failed.Result.Error.Message}); {created + updated} items were imported before it.");
                    }
                    catch (RomApiException failed)
                    {
                        throw new LoaderException(ExitCodes.ImportFailed,
                            $"{label}: the batch of rows {batch[0].Line}-{batch[^1].Line} failed with HTTP {failed.StatusCode}; {created + updated} items were imported before it.");
                    }
                    catch (HttpRequestException exception)
                    {
                        if (sent == 0 && created + updated == 0 && IsConnectFailure(exception))
                        {
                            throw Unreachable(exception);
                        }
                        throw new LoaderException(ExitCodes.ImportFailed,
                            $"{label}: lost the gateway at {options.Gateway} during rows {batch[0].Line}-{batch[^1].Line} ({exception.Message}); " +
                            $"{created + updated} items were imported before it. Rerun to finish (imports are upserts).");
                    }
                    catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        throw new LoaderException(ExitCodes.ImportFailed,
                            $"{label}: the gateway did not answer rows {batch[0].Line}-{batch[^1].Line} within 5 minutes; try a smaller --batch.");
                    }
                    var result = answer.Data;
                    created += result.Created;
                    updated += result.Updated;
                    refused.AddRange(result.Errors.Select(error => (batch[error.Index], error)));
                    sent += batch.Length;
                    task?.Increment(batch.Length);
                }
            }
        }
        // A progress bar on a terminal; nothing in a log.
        if (progressConsole.Profile.Capabilities.Interactive)
        {
            await progressConsole.Progress().AutoClear(false).HideCompleted(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(SendAllAsync);
        }
        else
        {
            await SendAllAsync(null);
        }

        foreach (var (row, error) in refused.Take(RefusalsListed))
        {
            Console.WriteLine($"refused {row.File}:{row.Line} ({row.Item.ExternalId}): {error.Code}{(error.Field is null ? "" : " " + error.Field)}: {error.Message}");
        }
        if (refused.Count > RefusalsListed)
        {
            Console.WriteLine($"... and {refused.Count - RefusalsListed} more refused rows.");
        }
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Imported {created + updated} of {total} rows in {seconds:F1} s ({total / Math.Max(seconds, 0.001):F0} rows/s): created {created}, updated {updated}, " +
            $"refused {refused.Count}{(options.Publish ? ", published" : ", left PENDING")}."));
        if (refused.Count > 0)
        {
            Console.WriteLine(refused.Count == 1
                ? "The refused row is bad data in the source files (listed above with its line); the import itself succeeded."
                : $"The {refused.Count} refused rows are bad data in the source files (listed above with their lines); the import itself succeeded.");
        }
        Console.WriteLine($"Data: {SourceRows.OsmAttribution} {SourceRows.PublicApisAttribution}");
        return ExitCodes.Imported;
    }

    private LoaderException Unreachable(HttpRequestException exception) => new(ExitCodes.GatewayUnreachable,
        $"Cannot reach the gateway at {options.Gateway} ({Reason(exception)}). Start the system (dotnet run --project RomApi.AppHost) " +
        "or pass --gateway <its address> (the AppHost's AppHost__GatewayPort; the dashboard lists the gateway's endpoint).");

    private static bool IsConnectFailure(HttpRequestException exception) =>
        exception.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError || exception.InnerException is SocketException;

    private static string Reason(HttpRequestException exception) => exception.InnerException is SocketException socket
        ? socket.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "connection refused",
            SocketError.HostNotFound or SocketError.NoData => "unknown host",
            SocketError.TimedOut => "timed out",
            _ => socket.SocketErrorCode.ToString(),
        }
        : exception.Message;
}
