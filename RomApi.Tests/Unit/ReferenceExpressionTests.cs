namespace RomApi.Tests.Unit;

public sealed class ReferenceExpressionTests
{
    [Fact]
    public async Task An_expression_yields_the_run_time_value_and_the_manifest_expression()
    {
        var builder = DistributedApplication.CreateBuilder(["--AppHost:DashboardPort=0"]);
        var key = builder.AddParameter("key", "s3cret{x}").Resource;
        key.SetValue("s3cret{x}");

        var expression = ReferenceExpression.Create($"SigningKey={key};Literal={{braces}}");

        Assert.Equal("SigningKey={key.value};Literal={braces}", expression.ValueExpression);
        Assert.Equal("SigningKey=s3cret{x};Literal={braces}", await expression.GetValueAsync());
    }

    [Fact]
    public void A_database_connection_string_builds_on_its_servers_in_the_manifest()
    {
        var builder = DistributedApplication.CreateBuilder(["--AppHost:DashboardPort=0"]);
        var db = builder.AddPostgres("postgres").AddDatabase("resourcedb");

        Assert.Equal("{postgres.connectionString};Database=resourcedb", db.Resource.ConnectionStringExpression.ValueExpression);
        Assert.Equal("Host={postgres.bindings.tcp.host};Port={postgres.bindings.tcp.port};Username=postgres;Password={postgres-password.value}",
            db.Resource.Parent.ConnectionStringExpression.ValueExpression);
    }
}
