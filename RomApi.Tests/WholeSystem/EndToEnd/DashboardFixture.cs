namespace RomApi.Tests.WholeSystem.EndToEnd;

/// <summary>A system of its own with the Aspire dashboard on (the shared one runs without it).</summary>
public sealed class DashboardFixture : SystemFixture
{
    protected override bool WithDashboard => true;

    /// <summary>The dashboard's login link, with its browser token, as Aspire reports the dashboard resource.</summary>
    public Uri LoginUrl { get; private set; } = null!;

    public Uri DashboardUrl => new(LoginUrl.GetLeftPart(UriPartial.Authority));

    protected override async Task OnStartedAsync()
    {
        var dashboard = await App.ResourceNotifications.WaitForResourceAsync("aspire-dashboard",
            update => update.Snapshot.Urls.Any(url => url.Name == "http"));
        LoginUrl = new Uri(dashboard.Snapshot.Urls.First(url => url.Name == "http").Url);
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard system";
}
