using Microsoft.Extensions.DependencyInjection;
using RomApi.Loader;
using Spectre.Console;

// The loader: see LoaderOptions.Usage and ExitCodes. Every failure ends in one line that says what to do.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
try
{
    var options = LoaderOptions.Parse(args);
    if (options.Help)
    {
        Console.WriteLine(LoaderOptions.Usage);
        Console.WriteLine(ExitCodes.Help);
        return ExitCodes.Imported;
    }
    var root = Repository.FindRoot();
    var data = Repository.ResolveDataDirectory(options.DataDirectory, root);
    var sources = Importer.ReadSources(options, data);

    var services = new ServiceCollection();
    services.AddHttpClient<RomApiClient>(http =>
    {
        http.BaseAddress = options.Gateway;
        http.Timeout = TimeSpan.FromMinutes(5);
    });
    await using var provider = services.BuildServiceProvider();
    var client = provider.GetRequiredService<RomApiClient>();
    var importer = new Importer(client, options, AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }));

    var token = options.Token ?? await importer.LoginAsync(AdminPassword.Find(options.Password, root), cancel.Token);
    return await importer.ImportAsync(sources, token, cancel.Token);
}
catch (LoaderException exception)
{
    Console.Error.WriteLine($"error: {exception.Message}");
    return exception.ExitCode;
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("error: cancelled; what was sent before stays imported (a rerun updates it).");
    return ExitCodes.ImportFailed;
}
