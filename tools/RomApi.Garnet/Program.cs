using System.Runtime.InteropServices;
using Garnet;

// Usage: RomApi.Garnet --port <port>; the password comes from the environment (Garnet__Password), never the command line.
var port = args.Length == 2 && args[0] == "--port" && int.TryParse(args[1], out var parsed) ? parsed
    : throw new ArgumentException("Usage: RomApi.Garnet --port <port> (password in Garnet__Password)");
var password = Environment.GetEnvironmentVariable("Garnet__Password");
if (string.IsNullOrEmpty(password))
{
    throw new ArgumentException("Garnet__Password is not set.");
}

using var stop = new CancellationTokenSource();
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });

using var server = new GarnetServer(
    ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--lua", "true",
     "--auth", "Password", "--password", password]);
server.Start();
Console.WriteLine($"Garnet listening on 127.0.0.1:{port}");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    Console.WriteLine("Garnet stopping");
}
