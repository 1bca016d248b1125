using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrderFunctions.Connectors.Tests.Http;
using OrderFunctions.Sandbox.Bol;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.Tests.Bol;

/// <summary>Tokens, rate limits, faults and bad payloads: each error names the platform, the order and the field.</summary>
public sealed class BolFaultTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _clock = new(Start);
    private BolHarness _harness = null!;

    public async Task InitializeAsync() =>
        _harness = await BolHarness.StartAsync(new BolSimulatorOptions { TimeProvider = _clock });

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task OneTokenServesManyCalls()
    {
        var (orderId, _) = _harness.AddOrder();
        var connector = _harness.Connector();

        for (var i = 0; i < 5; i++)
        {
            await _harness.ReadAsync(connector, orderId);
        }

        Assert.Equal(1, _harness.State.TokensIssued);
    }

    [Fact]
    public async Task TheTokenIsReplacedShortlyBeforeItExpires()
    {
        var (orderId, _) = _harness.AddOrder();
        var connector = _harness.Connector();
        await _harness.ReadAsync(connector, orderId);

        _clock.Advance(TimeSpan.FromSeconds(240));
        await _harness.ReadAsync(connector, orderId);
        var beforeMargin = _harness.State.TokensIssued;
        _clock.Advance(TimeSpan.FromSeconds(40));
        await _harness.ReadAsync(connector, orderId);

        Assert.Equal((1, 2), (beforeMargin, _harness.State.TokensIssued));
    }

    [Fact]
    public async Task ATokenThatExpiresMidRunIsReplacedAndTheCallSucceeds()
    {
        var (orderId, _) = _harness.AddOrder();
        var connector = _harness.Connector();
        await _harness.ReadAsync(connector, orderId);

        _harness.State.ExpireAllTokens();
        var order = await _harness.ReadAsync(connector, orderId);

        Assert.Equal(orderId, order.OrderId);
        Assert.Equal(2, _harness.State.TokensIssued);
    }

    [Fact]
    public async Task WrongClientCredentialsFailNamingTheTokenCallButNotTheSecret()
    {
        var connector = _harness.Connector(credentials: $$"""{"clientId":"x","clientSecret":"hunter2-secret","tokenUrl":"{{_harness.Simulator.TokenUri}}"}""");

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.GetOrderAsync("A1", CancellationToken.None));

        Assert.Equal(("bol", 401, false), (error.Platform, error.HttpStatus, error.IsTransient));
        Assert.Contains("POST /token", error.Message, StringComparison.Ordinal);
        Assert.Contains("invalid_client", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnHtmlPageFromTheLoginHostGivesAClearError()
    {
        _harness.Simulator.Host.Faults.PathPrefix = "/token";
        _harness.Simulator.Host.Faults.HtmlErrorPageNext(10);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => _harness.Connector().GetOrderAsync("A1", CancellationToken.None));

        Assert.Contains("POST /token answered 502: an HTML page instead of JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSimulatorRefusesAWrongAcceptHeaderWith406()
    {
        using var http = new HttpClient { BaseAddress = _harness.Simulator.BaseUri };
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, "token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        tokenRequest.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("sandbox-client-id:sandbox-client-secret"u8.ToArray()));
        using var tokenResponse = await http.SendAsync(tokenRequest);
        var token = JsonNode.Parse(await tokenResponse.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
        using var request = new HttpRequestMessage(HttpMethod.Get, "retailer/orders");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.ParseAdd("application/json");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    [Fact]
    public async Task RateLimitHeadersMakeTheConnectorWaitInsteadOfCollecting429s()
    {
        await using var tight = await BolHarness.StartAsync(new BolSimulatorOptions { RequestsPerWindow = 3, RateLimitWindow = TimeSpan.FromMilliseconds(700) });
        var (orderId, _) = tight.AddOrder();
        var connector = tight.Connector();

        for (var i = 0; i < 7; i++)
        {
            await tight.ReadAsync(connector, orderId);
        }

        Assert.Equal(0, tight.State.RateLimitRejections);
    }

    [Fact]
    public async Task A429IsWaitedOutForItsRetryAfterAndRetried()
    {
        var (orderId, _) = _harness.AddOrder();
        var connector = _harness.Connector(maxRetries: 1);
        await _harness.ReadAsync(connector, orderId);
        _harness.Simulator.Host.Faults.ThrottleNext(1, TimeSpan.FromSeconds(1));

        Assert.Equal(orderId, (await _harness.ReadAsync(connector, orderId)).OrderId);
    }

    [Fact]
    public async Task ServerErrorsAreRetried()
    {
        var (orderId, _) = _harness.AddOrder();
        _harness.Simulator.Host.Faults.FailNext(2, HttpStatusCode.InternalServerError);

        Assert.Equal(orderId, (await _harness.ReadAsync(_harness.Connector(), orderId)).OrderId);
    }

    [Fact]
    public async Task AnHtmlErrorPageInsteadOfJsonGivesAClearTransientError()
    {
        var (orderId, _) = _harness.AddOrder();
        var connector = _harness.Connector();
        await _harness.ReadAsync(connector, orderId);
        _harness.Simulator.Host.Faults.HtmlErrorPageNext(10);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.GetOrderAsync(orderId, CancellationToken.None));

        Assert.Equal(("bol", orderId, true), (error.Platform, error.OrderId, error.IsTransient));
        Assert.Contains($"GET /retailer/orders/{orderId} answered 502: an HTML page instead of JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingFieldIsNamedWithPlatformOrderAndField()
    {
        var (orderId, _) = _harness.AddOrder();
        _harness.State.OrderMutator = o => ((JsonObject)o["orderItems"]![0]!).Remove("unitPrice");

        var error = await ReadFailureAsync(orderId);

        Assert.Equal(("bol", orderId, "orderItems[0].unitPrice", false), (error.Platform, error.OrderId, error.Field, error.IsTransient));
        Assert.Contains($"bol order {orderId}: field 'orderItems[0].unitPrice' is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongTypeIsNamed()
    {
        var (orderId, _) = _harness.AddOrder();
        _harness.State.OrderMutator = o => o["orderItems"]![1]!["quantity"] = "lots";

        var error = await ReadFailureAsync(orderId);

        Assert.Equal("orderItems[1].quantity", error.Field);
        Assert.Contains("should be an integer but is a string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnexpectedNullIsNamed()
    {
        var (orderId, _) = _harness.AddOrder();
        _harness.State.OrderMutator = o => o["shipmentDetails"] = null;

        var error = await ReadFailureAsync(orderId);

        Assert.Equal(("shipmentDetails", orderId), (error.Field, error.OrderId));
    }

    [Fact]
    public async Task AnUnknownProcessStatusIsNamed()
    {
        var (orderId, _) = _harness.AddOrder();
        _harness.State.ProcessStatusMutator = p => p["status"] = "DONE";
        var connector = _harness.Connector();
        var order = await _harness.ReadAsync(connector, orderId);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.PushShipmentAsync(order, new ShipmentInfo { ShipmentReference = "R" }, CancellationToken.None));

        Assert.Equal(("status", orderId, false), (error.Field, error.OrderId, error.IsTransient));
        Assert.Contains("unknown status 'DONE'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownItemStatusInTheListIsNamed()
    {
        var (orderId, _) = _harness.AddOrder();
        _harness.State.OrderListMutator = list => list["orders"]![0]!["orderItems"]![0]!["fulfilmentStatus"] = "LOST";

        var error = await Assert.ThrowsAsync<ConnectorException>(() => _harness.Connector().ListChangedOrdersAsync(Start.AddMinutes(-5), Start.AddMinutes(1), null, CancellationToken.None));

        Assert.Equal(("orders[0].orderItems[0].fulfilmentStatus", orderId), (error.Field, error.OrderId));
    }

    [Fact]
    public async Task AHugePageIsRefused()
    {
        _harness.AddOrder();
        _harness.State.OrderListMutator = list =>
        {
            var orders = (JsonArray)list["orders"]!;
            for (var i = 0; i < 59; i++)
            {
                orders.Add(orders[0]!.DeepClone());
            }
        };

        var error = await Assert.ThrowsAsync<ConnectorException>(() => _harness.Connector().ListChangedOrdersAsync(Start.AddMinutes(-5), Start.AddMinutes(1), null, CancellationToken.None));

        Assert.Equal(("orders", false), (error.Field, error.IsTransient));
        Assert.Contains("holds 60 orders, more than bol's 50 per page", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CredentialsWithoutTheClientSecretFailNamingTheField()
    {
        var error = Assert.Throws<ConnectorException>(() => _harness.Connector(credentials: """{"clientId":"abc"}"""));

        Assert.Equal(("bol", "clientSecret", false), (error.Platform, error.Field, error.IsTransient));
        Assert.Contains("'bol-test'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CredentialsWithAFieldOfTheWrongTypeFailNamingIt()
    {
        var error = Assert.Throws<ConnectorException>(() => _harness.Connector(credentials: """{"clientId":"abc","clientSecret":{"value":"s"}}"""));

        Assert.Equal("clientSecret", error.Field);
        Assert.DoesNotContain(JsonSerializer.Serialize("s"), error.Message, StringComparison.Ordinal);
    }

    private async Task<ConnectorException> ReadFailureAsync(string orderId) =>
        await Assert.ThrowsAsync<ConnectorException>(() => _harness.Connector().GetOrderAsync(orderId, CancellationToken.None));
}
