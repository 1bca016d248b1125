using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OrderFunctions.Hosting.Contract;

namespace OrderFunctions.Hosting.Tests.Contract;

public class InvocationResponseTests
{
    [Fact]
    public async Task CompletedInvocationIsTheHostsResultShapeAsJson()
    {
        var (status, contentType, body) = await ExecuteAsync(InvocationResults.Completed(["heartbeat 1", "done"]));

        Assert.Equal(200, status);
        Assert.Equal("application/json; charset=utf-8", contentType);
        Assert.Equal("""{"Outputs":{},"Logs":["heartbeat 1","done"],"ReturnValue":null}""", body);
    }

    [Fact]
    public async Task CompletedInvocationWithoutLogsIsStillANonEmptyObject()
    {
        var (_, _, body) = await ExecuteAsync(InvocationResults.Completed([]));

        Assert.Equal("""{"Outputs":{},"Logs":[],"ReturnValue":null}""", body);
    }

    [Fact]
    public async Task FailedInvocationCarriesItsStatusAndAJsonError()
    {
        var (status, contentType, body) = await ExecuteAsync(InvocationResults.Failed(500, "ProcessOrder failed: boom", "ProcessOrder", "inv-1"));

        Assert.Equal(500, status);
        Assert.Equal("application/json; charset=utf-8", contentType);
        Assert.Equal("""{"Error":"ProcessOrder failed: boom","Function":"ProcessOrder","InvocationId":"inv-1"}""", body);
    }

    [Fact]
    public async Task ReadinessIsJson()
    {
        var (status, _, body) = await ExecuteAsync(InvocationResults.Ready(3));

        Assert.Equal(200, status);
        Assert.Equal("ready", JsonDocument.Parse(body).RootElement.GetProperty("Status").GetString());
    }

    internal static async Task<(int Status, string? ContentType, string Body)> ExecuteAsync(IResult result)
    {
        using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        using var body = new MemoryStream();
        context.Response.Body = body;

        await result.ExecuteAsync(context);

        return (context.Response.StatusCode, context.Response.ContentType, System.Text.Encoding.UTF8.GetString(body.ToArray()));
    }
}
