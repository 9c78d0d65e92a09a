namespace RomApi.Tests.WholeSystem.Startup;

/// <summary>
/// What a newcomer sees on a first start: no service logs a warning or an error, and the AppHost reports the gateway healthy
/// only after every replica of every service it routes to.
/// </summary>
[Collection(StartupCollection.Name)]
public sealed partial class CleanStartTests(StartupFixture system)
{
    private static readonly TimeSpan SettleWait = TimeSpan.FromSeconds(90);
    private static readonly string[] RoutedServices = ["resourceservice", "searchservice", "analyticsservice"];

    [Fact]
    public async Task No_service_logs_a_warning_or_an_error_while_the_system_starts_from_an_empty_data_folder()
    {
        // The start is over for the logs once every service has said it started, and the search service that it follows the
        // change feed (it starts alongside the resource service and waits for its feed).
        var settled = await Eventually.UntilAsync(async () => new StartLines(await system.ServiceLinesAsync()), lines =>
                StartupFixture.Services.All(service => lines.Lines.Any(line => line.Service == service && line.Content.Contains("Application started", StringComparison.Ordinal))) &&
                lines.Lines.Any(line => line.Service == "searchservice" && line.Content.Contains("Following the change feed", StringComparison.Ordinal)),
            SettleWait, "every service's start line and the search service's first read of the change feed");

        var lines = settled.Lines.Select(line => line with { Content = AnsiEscape().Replace(line.Content, "") }).ToList();
        // The lines are read as the simple console writes them: every service's Information lines carry the "info: " tag.
        Assert.All(StartupFixture.Services, service =>
            Assert.Contains(lines, line => line.Service == service && LevelTag().Match(line.Content) is { Success: true } tag && tag.Groups["level"].Value == "info"));
        var problems = lines.Where(line => line.IsStandardError || LevelTag().Match(line.Content) is { Success: true } tag && tag.Groups["level"].Value is "warn" or "fail" or "crit")
            .Select(line => $"{line.Service}: {line.Content}").ToList();
        Assert.True(problems.Count == 0, $"{problems.Count} warning or error line(s) during a healthy start:\n{string.Join('\n', problems)}");
    }

    [Fact]
    public void The_AppHost_reports_the_gateway_healthy_after_every_replica_of_every_service_it_routes_to()
    {
        var states = system.AppHostLog.Messages.Select(message => StateLine().Match(message)).Where(match => match.Success)
            .Select((match, index) => (Index: index, Instance: match.Groups["instance"].Value, State: match.Groups["state"].Value))
            .ToList();
        static bool Healthy(string state) => state.StartsWith("Running, Healthy", StringComparison.Ordinal);
        var gatewayHealthy = states.FirstOrDefault(line => line.Instance.StartsWith("gateway-", StringComparison.Ordinal) && Healthy(line.State));
        Assert.True(gatewayHealthy.Instance is not null, "The AppHost never wrote that the gateway is healthy:\n" + string.Join('\n', system.AppHostLog.Messages));
        foreach (var service in RoutedServices)
        {
            var instances = states.Where(line => line.Instance.StartsWith(service + "-", StringComparison.Ordinal)).Select(line => line.Instance).Distinct().ToList();
            Assert.NotEmpty(instances);
            foreach (var instance in instances)
            {
                var healthy = states.FirstOrDefault(line => line.Instance == instance && Healthy(line.State));
                Assert.True(healthy.Instance is not null && healthy.Index < gatewayHealthy.Index,
                    $"{instance} was not reported healthy before the gateway:\n{string.Join('\n', system.AppHostLog.Messages)}");
            }
        }
    }

    /// <summary>The lines so far, shown as each service's last lines when the wait times out.</summary>
    private sealed record StartLines(IReadOnlyList<ServiceLine> Lines)
    {
        public override string ToString() => string.Join('\n', Lines.GroupBy(line => line.Service).Select(service =>
            $"{service.Key} ({service.Count()} lines):\n  " + string.Join("\n  ", service.TakeLast(15).Select(line => line.Content))));
    }

    /// <summary>The simple console's level tag after its timestamp ("12:00:00.000 warn: Category[0] ...").</summary>
    [GeneratedRegex(@"^(\S+ ){0,2}(?<level>trce|dbug|info|warn|fail|crit): ")]
    private static partial Regex LevelTag();

    /// <summary>Colour codes (Aspire lets the services colour their redirected console).</summary>
    [GeneratedRegex(@"\x1B\[[0-9;]*m")]
    private static partial Regex AnsiEscape();

    /// <summary>ResourceStateLog's line: "+12.3 s gateway-abcdefgh: Running, Healthy; pid 1234; http://...".</summary>
    [GeneratedRegex(@"^\+[\d.,]+ s (?<instance>[a-z0-9-]+): (?<state>.+)$")]
    private static partial Regex StateLine();
}
