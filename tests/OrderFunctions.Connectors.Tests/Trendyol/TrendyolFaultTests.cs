using System.Net;
using System.Text.Json.Nodes;
using OrderFunctions.Connectors.Trendyol;
using OrderFunctions.Sandbox.Trendyol;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.Tests.Trendyol;

/// <summary>Auth, limits, faults and bad payloads: each error names the platform, the order and the field.</summary>
public sealed class TrendyolFaultTests : IAsyncLifetime
{
    private TrendyolHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await TrendyolHarness.StartAsync(new TrendyolSimulatorOptions
    {
        RequestsPerWindow = 5,
        RateLimitWindow = TimeSpan.FromMilliseconds(500),
    });

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task WrongCredentialsFailAsNotTransientWith401()
    {
        var package = _harness.AddOrder();
        var connector = _harness.Connector(credentials: """{"apiKey":"wrong","apiSecret":"wrong"}""");

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.GetOrderAsync(package.OrderNumber, CancellationToken.None));

        Assert.Equal((401, false, "trendyol"), (error.HttpStatus, error.IsTransient, error.Platform));
        Assert.Contains("ClientApiAuthenticationException", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSimulatorRefusesARequestWithoutTheSellersUserAgent()
    {
        using var http = new HttpClient { BaseAddress = _harness.Simulator.BaseUri };
        http.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("sandbox-api-key:sandbox-api-secret"u8.ToArray()));

        using var response = await http.GetAsync(new Uri("integration/order/sellers/1001/orders", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task TheClientSideLimiterKeepsUnderTrendyolsRequestLimit()
    {
        var package = _harness.AddOrder();
        var connector = _harness.Connector(new TrendyolSettings { RequestsPerWindow = 4, RateLimitWindow = TimeSpan.FromMilliseconds(600) });

        for (var i = 0; i < 12; i++)
        {
            Assert.NotNull(await connector.GetOrderAsync(package.OrderNumber, CancellationToken.None));
        }

        Assert.Equal(0, _harness.State.RateLimitRejections);
    }

    [Fact]
    public async Task TrendyolsOwn429IsRetriedWithBackOff()
    {
        await using var strict = await TrendyolHarness.StartAsync(new TrendyolSimulatorOptions { RequestsPerWindow = 1, RateLimitWindow = TimeSpan.FromMilliseconds(100) });
        var package = strict.AddOrder();
        var connector = strict.Connector(new TrendyolSettings { RequestsPerWindow = 1000 }, maxRetries: 8);

        for (var i = 0; i < 3; i++)
        {
            Assert.NotNull(await connector.GetOrderAsync(package.OrderNumber, CancellationToken.None));
        }

        Assert.True(strict.State.RateLimitRejections > 0);
    }

    [Fact]
    public async Task A429WithRetryAfterIsWaitedOutAndRetried()
    {
        var package = _harness.AddOrder();
        _harness.Simulator.Host.Faults.ThrottleNext(1, TimeSpan.FromSeconds(1));

        var order = await _harness.Connector(maxRetries: 1).GetOrderAsync(package.OrderNumber, CancellationToken.None);

        Assert.Equal(package.OrderNumber, order?.OrderId);
    }

    [Fact]
    public async Task A429ThatOutlastsTheRetriesIsThrottledNotAFailure()
    {
        var package = _harness.AddOrder();
        _harness.Simulator.Host.Faults.ThrottleNext(10, TimeSpan.Zero);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => _harness.Connector(maxRetries: 1).GetOrderAsync(package.OrderNumber, CancellationToken.None));

        Assert.Equal((429, true, true), (error.HttpStatus, error.IsTransient, error.IsThrottled));
    }

    [Fact]
    public async Task ServerErrorsAreRetried()
    {
        var package = _harness.AddOrder();
        _harness.Simulator.Host.Faults.FailNext(2, HttpStatusCode.ServiceUnavailable);

        var order = await _harness.Connector().GetOrderAsync(package.OrderNumber, CancellationToken.None);

        Assert.Equal(package.OrderNumber, order?.OrderId);
    }

    [Fact]
    public async Task ServerErrorsThatOutlastTheRetriesFailAsTransientNamingTheCallAndOrder()
    {
        var package = _harness.AddOrder();
        _harness.Simulator.Host.Faults.FailNext(10, HttpStatusCode.BadGateway);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => _harness.Connector().GetOrderAsync(package.OrderNumber, CancellationToken.None));

        Assert.Equal((502, true, false, package.OrderNumber), (error.HttpStatus, error.IsTransient, error.IsThrottled, error.OrderId));
        Assert.Contains("GET /integration/order/sellers/1001/orders", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnHtmlErrorPageGivesAClearError()
    {
        var package = _harness.AddOrder();
        _harness.Simulator.Host.Faults.HtmlErrorPageNext(10);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => _harness.Connector().GetOrderAsync(package.OrderNumber, CancellationToken.None));

        Assert.Contains("HTML page instead of JSON", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("<html>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingFieldIsNamedWithPlatformOrderAndField()
    {
        var package = _harness.AddOrder();
        _harness.State.PackageMutator = p => p.Remove("totalPrice");

        var error = await ReadFailureAsync(package);

        Assert.Equal(("trendyol", package.OrderNumber, "content[0].totalPrice", false), (error.Platform, error.OrderId, error.Field, error.IsTransient));
        Assert.Contains($"trendyol order {package.OrderNumber}: field 'content[0].totalPrice' is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongTypeIsNamed()
    {
        var package = _harness.AddOrder();
        _harness.State.PackageMutator = p => p["lines"]![0]!["quantity"] = "two";

        var error = await ReadFailureAsync(package);

        Assert.Equal("content[0].lines[0].quantity", error.Field);
        Assert.Contains("should be an integer but is a string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownStatusIsNamed()
    {
        var package = _harness.AddOrder();
        _harness.State.PackageMutator = p => p["status"] = "Teleported";

        var error = await ReadFailureAsync(package);

        Assert.Equal(("content[0].status", package.OrderNumber), (error.Field, error.OrderId));
        Assert.Contains("unknown status 'Teleported'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnexpectedNullIsNamed()
    {
        var package = _harness.AddOrder();
        _harness.State.PackageMutator = p => p["shipmentAddress"] = null;

        var error = await ReadFailureAsync(package);

        Assert.Equal("content[0].shipmentAddress", error.Field);
    }

    [Fact]
    public async Task AHugePageIsRefused()
    {
        var package = _harness.AddOrder();
        _harness.State.PageMutator = page =>
        {
            var content = (JsonArray)page["content"]!;
            var first = content[0]!;
            for (var i = 0; i < 5000; i++)
            {
                content.Add(first.DeepClone());
            }
        };

        var error = await ReadFailureAsync(package);

        Assert.Equal(("content", false), (error.Field, error.IsTransient));
        Assert.Contains("holds 5001 packages, more than the 200 asked for", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CredentialsWithoutTheSecretFailNamingTheSecretAndFieldButNotTheKey()
    {
        var error = Assert.Throws<ConnectorException>(() => _harness.Connector(credentials: """{"apiKey":"k-123-secret-ish"}"""));

        Assert.Equal(("apiSecret", false), (error.Field, error.IsTransient));
        Assert.Contains("'trendyol-test'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("k-123", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CredentialsThatAreNotJsonFailWithoutQuotingThem()
    {
        var error = Assert.Throws<ConnectorException>(() => _harness.Connector(credentials: "apiKey=s3cr3t"));

        Assert.Contains("is not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", error.Message, StringComparison.Ordinal);
    }

    private async Task<ConnectorException> ReadFailureAsync(TrendyolPackageView package) =>
        await Assert.ThrowsAsync<ConnectorException>(() => _harness.Connector().GetOrderAsync(package.OrderNumber, CancellationToken.None));
}
