using System.Net;
using System.Net.Http.Headers;
using System.Text;
using OrderFunctions.Hosting.Definitions;
using OrderFunctions.Hosting.Standalone;
using OrderFunctions.Hosting.Tests.Standalone.Fakes;

namespace OrderFunctions.Hosting.Tests.Standalone.Http;

public sealed class HttpFrontDoorTests : IAsyncLifetime
{
    private static readonly FunctionDefinition[] Functions =
    [
        new("GetOrder", new HttpTrigger("orders/{id:int?}", ["get"], AuthorizationLevel.Function)),
        new("DeleteOrder", new HttpTrigger("orders/{id:int}", ["delete"], AuthorizationLevel.Function)),
        new("Resync", new HttpTrigger("admin/resync", ["post"], AuthorizationLevel.Admin)),
        new("Health", new HttpTrigger("health", [], AuthorizationLevel.Anonymous)),
        new("Webhook", new HttpTrigger("webhooks/{platform}", ["post"], AuthorizationLevel.Anonymous)),
    ];

    private StandaloneHarness _harness = null!;

    private HttpClient Client => _harness.Client;

    public async Task InitializeAsync()
    {
        _harness = await StandaloneHarness.StartAsync(Functions);
        _harness.Handler.Respond = (request, _) => Task.FromResult(new FakeReply(200, $"{{\"seen\":\"{request.Method} {request.Path}\"}}"));
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task FunctionKeyInHeaderIsAccepted()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/orders/42");
        request.Headers.Add("x-functions-key", StandaloneHarness.FunctionKey);

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"seen":"GET /api/orders/42"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task FunctionKeyInCodeQueryIsAcceptedAndForwardedAsTheHostDoes()
    {
        using var response = await Client.GetAsync($"/api/orders?code={StandaloneHarness.FunctionKey}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var forwarded = await _harness.Handler.WaitForRequestAsync();
        Assert.Equal("/api/orders", forwarded.Path);
        Assert.Equal($"?code={StandaloneHarness.FunctionKey}", forwarded.QueryString);
    }

    [Fact]
    public async Task MasterKeyOpensFunctionLevelRoutes()
    {
        using var response = await Client.GetAsync($"/api/orders/1?code={StandaloneHarness.MasterKey}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("wrong-key", null)]
    [InlineData(null, "wrong-key")]
    [InlineData("", "")]
    [InlineData("wrong-key", StandaloneHarness.FunctionKey)] // the header, when present, is the key presented
    public async Task MissingOrWrongKeyIs401AndNeverReachesTheHandler(string? header, string? code)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, code is null ? "/api/orders/42" : $"/api/orders/42?code={code}");
        if (header is not null)
        {
            request.Headers.Add("x-functions-key", header);
        }

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"status\":401", problem, StringComparison.Ordinal);
        Assert.DoesNotContain(StandaloneHarness.FunctionKey, problem, StringComparison.Ordinal);
        Assert.DoesNotContain(StandaloneHarness.MasterKey, problem, StringComparison.Ordinal);
        Assert.Empty(_harness.Handler.Requests);
    }

    [Fact]
    public async Task AdminRouteRefusesTheFunctionKeyAndAcceptsTheMasterKey()
    {
        using var withFunctionKey = await Client.PostAsync($"/api/admin/resync?code={StandaloneHarness.FunctionKey}", null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/resync");
        request.Headers.Add("x-functions-key", StandaloneHarness.MasterKey);
        using var withMasterKey = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, withFunctionKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withMasterKey.StatusCode);
        Assert.Single(_harness.Handler.Requests);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PATCH")]
    public async Task AnonymousRouteWithoutMethodListAcceptsAnyMethodWithoutKey(string method)
    {
        using var response = await Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/health"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(method, (await _harness.Handler.WaitForRequestAsync()).Method);
    }

    [Theory]
    [InlineData("/api/unknown")]
    [InlineData("/orders/42")]
    [InlineData("/")]
    [InlineData("/api/orders/abc")] // fails the int constraint
    [InlineData("/api/orders/42/lines")]
    public async Task UnmatchedPathIs404(string path)
    {
        using var response = await Client.GetAsync($"{path}?code={StandaloneHarness.MasterKey}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(_harness.Handler.Requests);
    }

    [Fact]
    public async Task MethodTheFunctionDoesNotAcceptIs404AsTheHostAnswers()
    {
        using var response = await Client.PutAsync($"/api/orders/42?code={StandaloneHarness.MasterKey}", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(_harness.Handler.Requests);
    }

    [Fact]
    public async Task SamePathWithAnotherMethodReachesTheFunctionThatAcceptsIt()
    {
        using var response = await Client.DeleteAsync($"/api/orders/42?code={StandaloneHarness.FunctionKey}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("DELETE", (await _harness.Handler.WaitForRequestAsync()).Method);
    }

    [Fact]
    public async Task ForwardedRequestKeepsMethodPathQueryHeadersAndBodyAndAddsTheHostHeaders()
    {
        const string Body = """{"id":1001,"line_items":[]}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/shopify?topic=orders%2Fcreate&x=1&x=2")
        {
            Content = new StringContent(Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Shopify-Hmac-Sha256", "c2lnbmF0dXJl");
        request.Headers.UserAgent.ParseAdd("Shopify-Captain-Hook");

        using var response = await Client.SendAsync(request);
        var forwarded = await _harness.Handler.WaitForRequestAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("POST", forwarded.Method);
        Assert.Equal("/api/webhooks/shopify", forwarded.Path);
        Assert.Equal("?topic=orders%2Fcreate&x=1,2", forwarded.QueryString); // the host joins repeated keys
        Assert.Equal(Body, forwarded.BodyText);
        Assert.Equal("application/json; charset=utf-8", forwarded.Header("Content-Type"));
        Assert.Equal(Encoding.UTF8.GetByteCount(Body).ToString(System.Globalization.CultureInfo.InvariantCulture), forwarded.Header("Content-Length"));
        Assert.Equal("c2lnbmF0dXJl", forwarded.Header("X-Shopify-Hmac-Sha256"));
        Assert.Equal("Shopify-Captain-Hook Azure-Functions-Host/4.1037.0", forwarded.Header("User-Agent"));
        Assert.Equal("4.1037.0", forwarded.Header("X-Azure-Functions-HostVersion"));
        Assert.True(Guid.TryParse(forwarded.Header("X-Azure-Functions-InvocationId"), out _));
        Assert.Equal(_harness.Runtime.HttpBaseUri.Authority, forwarded.Header("Host"));
    }

    [Fact]
    public async Task ChunkedRequestWithoutContentLengthArrivesWithoutBody()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("""{"chunked":true}""")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/bol") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await Client.SendAsync(request);
        var forwarded = await _harness.Handler.WaitForRequestAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(forwarded.Body);
        Assert.Null(forwarded.Header("Transfer-Encoding"));
        Assert.Null(forwarded.Header("Content-Type"));
    }

    [Fact]
    public async Task HandlerResponseIsReturnedAsIsWhateverItsStatus()
    {
        _harness.Handler.Respond = (_, _) => Task.FromResult(new FakeReply(503, "busy", "text/plain", new Dictionary<string, string> { ["Retry-After"] = "7", ["X-Trace"] = "abc" }));

        using var response = await Client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("busy", await response.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("7", response.Headers.GetValues("Retry-After").Single());
        Assert.Equal("abc", response.Headers.GetValues("X-Trace").Single());
    }

    [Fact]
    public async Task HandlerRedirectIsPassedBackNotFollowed()
    {
        _harness.Handler.Respond = (_, _) => Task.FromResult(new FakeReply(302, null, Headers: new Dictionary<string, string> { ["Location"] = "/api/elsewhere" }));
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _harness.Runtime.HttpBaseUri };

        using var response = await client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/api/elsewhere", response.Headers.Location?.OriginalString);
        Assert.Single(_harness.Handler.Requests);
    }

    [Fact]
    public async Task KeysNeverAppearInLogs()
    {
        using (await Client.GetAsync($"/api/orders/1?code={StandaloneHarness.FunctionKey}"))
        using (await Client.GetAsync($"/api/orders/1?code=not-{StandaloneHarness.MasterKey}"))
        using (await Client.PostAsync($"/api/admin/resync?code={StandaloneHarness.MasterKey}", null))
        {
        }

        await Eventually.TrueAsync(() => _harness.Logs.Lines.Count(l => l.Message.StartsWith("HTTP ", StringComparison.Ordinal)) == 2, "both forwarded requests are logged");
        Assert.DoesNotContain(StandaloneHarness.FunctionKey, _harness.AllLogText, StringComparison.Ordinal);
        Assert.DoesNotContain(StandaloneHarness.MasterKey, _harness.AllLogText, StringComparison.Ordinal);
    }

    [Fact]
    public void StartupSummaryNamesEveryRouteUnderTheFrontDoor()
    {
        var frontDoor = _harness.Runtime.HttpBaseUri.ToString().TrimEnd('/');

        Assert.Contains(_harness.Logs.Lines, l => l.Message.Contains($"HTTP front door at {_harness.Runtime.HttpBaseUri}", StringComparison.Ordinal));
        Assert.Contains(_harness.Logs.Lines, l => l.Message == $"  GetOrder: httpTrigger GET {frontDoor}/api/orders/{{id:int?}} (authLevel function)");
        Assert.Contains(_harness.Logs.Lines, l => l.Message == $"  Health: httpTrigger * {frontDoor}/api/health (authLevel anonymous)");
        Assert.Contains(_harness.Logs.Lines, l => l.Message == $"  Resync: httpTrigger POST {frontDoor}/api/admin/resync (authLevel admin)");
    }
}

public sealed class HttpFrontDoorFailureTests
{
    private static readonly FunctionDefinition[] Health = [new("Health", new HttpTrigger("health", ["get"], AuthorizationLevel.Anonymous))];

    [Fact]
    public async Task HandlerUnreachableIs500()
    {
        await using var harness = await StandaloneHarness.StartAsync(Health);
        await harness.Handler.DisposeAsync();

        using var response = await harness.Client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains(harness.Logs.Lines, l => l.Message.Contains("'Health' failed", StringComparison.Ordinal) && l.Message.Contains("handler unreachable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HandlerOutlivingFunctionTimeoutIs500()
    {
        var options = new HarnessOptions
        {
            HostJsonExtra = "\"functionTimeout\": \"00:00:01\"",
            Respond = async (_, cancel) =>
            {
                await Task.Delay(Timeout.Infinite, cancel);
                return FakeReply.Ok;
            },
        };
        await using var harness = await StandaloneHarness.StartAsync(Health, options);

        using var response = await harness.Client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains(harness.Logs.Lines, l => l.Message.Contains("timed out after functionTimeout 00:00:01", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartWaitsForTheHandlerToAnswerGetRoot()
    {
        await using var harness = await StandaloneHarness.StartAsync(Health);

        Assert.True(harness.Handler.ReadinessProbes >= 1);
    }

    [Fact]
    public async Task HandlerThatNeverAnswersFailsStartAfterTheReadyTimeout()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var options = new HarnessOptions { HandlerUri = new Uri($"http://127.0.0.1:{port}"), HandlerReadyTimeout = TimeSpan.FromMilliseconds(300) };

        var error = await Assert.ThrowsAsync<StandaloneConfigurationException>(() => StandaloneHarness.StartAsync(Health, options));

        Assert.Contains($"GET http://127.0.0.1:{port}/", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidRouteTemplateFailsStartNamingTheFunction()
    {
        FunctionDefinition[] functions = [new("Broken", new HttpTrigger("orders/{id:nosuchconstraint}", ["get"], AuthorizationLevel.Function))];

        var error = await Assert.ThrowsAsync<StandaloneConfigurationException>(() => StandaloneHarness.StartAsync(functions));

        Assert.Contains("'Broken'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpFunctionsWithoutRequestForwardingFailStartNamingTheSetting()
    {
        var handler = await FakeHandler.StartAsync();
        await using var _ = handler;
        var directory = Directory.CreateTempSubdirectory("standalone-test-").FullName;
        var hostJson = Path.Combine(directory, "host.json");
        await File.WriteAllTextAsync(hostJson, """{ "version": "2.0", "customHandler": { "description": { "defaultExecutablePath": "handler" } } }""");
        var options = new StandaloneRuntimeOptions
        {
            HostJsonPath = hostJson,
            Functions = Health,
            HandlerUri = handler.BaseUri,
            Configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(),
            HttpPort = 0,
            FunctionKey = "f",
            MasterKey = "m",
        };

        var error = await Assert.ThrowsAsync<StandaloneConfigurationException>(() => StandaloneRuntime.StartAsync(options, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, CancellationToken.None));

        Assert.Contains("'customHandler.enableForwardingHttpRequest'", error.Message, StringComparison.Ordinal);
        Directory.Delete(directory, recursive: true);
    }
}
