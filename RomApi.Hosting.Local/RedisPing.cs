using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RomApi.Hosting.Local;

/// <summary>
/// The cache's readiness: AUTH then PING on one connection, as two RESP commands. Every service waits for this check, and the
/// Redis client's first connect in the AppHost cost it a JIT of the whole client while Garnet itself was already listening.
/// </summary>
public static class RedisPing
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public static async Task<HealthCheckResult> CheckAsync(int port, string password, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            await using var stream = client.GetStream();
            await stream.WriteAsync(Command("AUTH", password), timeout.Token);
            await stream.WriteAsync(Command("PING"), timeout.Token);
            using var replies = new StreamReader(stream, Encoding.UTF8);
            var auth = await replies.ReadLineAsync(timeout.Token);
            var ping = await replies.ReadLineAsync(timeout.Token);
            // A refusal names the problem (-WRONGPASS, -LOADING), never the password.
            return auth == "+OK" && ping == "+PONG"
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"AUTH answered {auth ?? "nothing"}, PING {ping ?? "nothing"}");
        }
        catch (Exception exception) when (exception is SocketException or IOException)
        {
            // Not listening yet is the usual answer while the server starts; a reset connection the one while it stops.
            return HealthCheckResult.Unhealthy(exception.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"No answer within {Timeout.TotalSeconds:0} s.");
        }
    }

    /// <summary>A command as a RESP array of bulk strings.</summary>
    public static byte[] Command(params string[] parts)
    {
        var text = new StringBuilder().Append('*').Append(parts.Length).Append("\r\n");
        foreach (var part in parts)
        {
            text.Append('$').Append(Encoding.UTF8.GetByteCount(part)).Append("\r\n").Append(part).Append("\r\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
