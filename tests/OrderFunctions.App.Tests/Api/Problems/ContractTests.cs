using System.Net;
using System.Text;
using OrderFunctions.App.Tests.Api.Support;

namespace OrderFunctions.App.Tests.Api.Problems;

/// <summary>The API's contract: keys, problem+json for every error, 413 for oversized bodies.</summary>
[Collection(ApiCollection.Name)]
public sealed class ContractTests(ApiHost host)
{
    [Theory]
    [InlineData("GET", "/api/integrations")]
    [InlineData("POST", "/api/integrations")]
    [InlineData("GET", "/api/integrations/any/orders")]
    [InlineData("POST", "/api/integrations/any/syncs")]
    [InlineData("POST", "/api/integrations/any/orders/1/confirm")]
    public async Task AdminRoutesWithoutAKeyAre401Problems(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        using var response = await host.Anonymous.SendAsync(request);

        await ApiAnswers.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AWrongKeyIs401AndTheMasterKeyIsAccepted()
    {
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/integrations");
        wrong.Headers.Add("x-functions-key", "not-the-key");
        using var master = new HttpRequestMessage(HttpMethod.Get, "/api/integrations");
        master.Headers.Add("x-functions-key", ApiHost.MasterKey);

        using var wrongResponse = await host.Anonymous.SendAsync(wrong);
        using var masterResponse = await host.Anonymous.SendAsync(master);

        await ApiAnswers.AssertProblemAsync(wrongResponse, HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, masterResponse.StatusCode);
    }

    [Fact]
    public async Task AnUnknownRouteIsA404Problem()
    {
        using var response = await host.Client.GetAsync("/api/no-such-thing");

        await ApiAnswers.AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnOversizedBodyIs413AndStoresNothing()
    {
        var body = ApiHost.IntegrationJson("contract-huge");
        body["displayName"] = new string('x', 300 * 1024);

        using var response = await host.Client.PostAsync("/api/integrations", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        using var after = await host.Client.GetAsync("/api/integrations/contract-huge");

        await ApiAnswers.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }
}
