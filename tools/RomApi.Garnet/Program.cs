using System.Globalization;
using System.Runtime.InteropServices;
using Garnet;

// Usage: RomApi.Garnet --port <port> [--dir <folder>]; the password comes from the environment (Garnet__Password), never the
// command line. With --dir the data survive a crash of the process: every write is committed to an append-only file there as
// it is made (the file system holds it even if the process is killed the next moment; a machine crash can lose what the disk
// had not flushed), a checkpoint every CheckpointSeconds keeps that file short, and a start recovers both.
const int AofCommitMilliseconds = 0;
const int CheckpointSeconds = 300;

var port = args.Length is 2 or 4 && args[0] == "--port" && int.TryParse(args[1], out var parsed) ? parsed
    : throw new ArgumentException("Usage: RomApi.Garnet --port <port> [--dir <folder>] (password in Garnet__Password)");
var dataFolder = args.Length == 4 && args[2] == "--dir" ? args[3]
    : args.Length == 2 ? null : throw new ArgumentException("Usage: RomApi.Garnet --port <port> [--dir <folder>]");
var password = Environment.GetEnvironmentVariable("Garnet__Password");
if (string.IsNullOrEmpty(password))
{
    throw new ArgumentException("Garnet__Password is not set.");
}

using var stop = new CancellationTokenSource();
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });

string[] persistence = dataFolder is null ? [] :
[
    "--checkpointdir", Directory.CreateDirectory(dataFolder).FullName, "--aof", "--recover",
    // The managed file device: the native one needs libaio, which a fresh machine of this kind lacks.
    "--device-type", "RandomAccess",
    "--aof-commit-freq", AofCommitMilliseconds.ToString(CultureInfo.InvariantCulture),
    "--checkpoint-freq", CheckpointSeconds.ToString(CultureInfo.InvariantCulture),
];
using var server = new GarnetServer(
    ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--lua", "true",
     "--auth", "Password", "--password", password, .. persistence]);
server.Start();
Console.WriteLine($"Garnet listening on 127.0.0.1:{port}" + (dataFolder is null ? "" : $", persisted in {dataFolder}"));
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    Console.WriteLine("Garnet stopping");
}
