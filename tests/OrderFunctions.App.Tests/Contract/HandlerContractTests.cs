using System.Net;
using System.Text;
using System.Text.Json;
using OrderFunctions.Hosting.Contract;

namespace OrderFunctions.App.Tests.Contract;

/// <summary>The handler as the Functions host sees it, over real HTTP (reference functions-custom-handler.md §3-§4).</summary>
public class HandlerContractTests(HandlerFixture handler) : IClassFixture<HandlerFixture>
{
    private const string TimerBody = """
        {"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":false}},
         "Metadata":{"sys":{"MethodName":"Heartbeat","UtcNow":"2026-01-08T10:00:00.01Z","RandGuid":"6c1c0a1e-3f7e-4bb4-9a55-4d2ac8a57e0e"}}}
        """;

    private const string QueueBody = """
        {"Data":{"msg":"\"{\\\"orderId\\\":42}\""},
         "Metadata":{"DequeueCount":"2","Id":"\"contract-1\"","PopReceipt":"\"AgAAAA\"",
          "ExpirationTime":"2026-01-08T10:00:00+00:00","InsertionTime":"2026-01-01T10:00:00+00:00","NextVisibleTime":"2026-01-01T10:00:30+00:00",
          "sys":{"MethodName":"RecordingQueue","UtcNow":"2026-01-01T10:00:00Z","RandGuid":"0b7c2c1e-0000-4000-8000-000000000000"}}}
        """;

    [Fact]
    public async Task ReadinessProbeAnswers200Json()
    {
        using var response = await handler.Client.GetAsync(new Uri("/", UriKind.Relative));

        var body = await AssertJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("ready", body.GetProperty("Status").GetString());
    }

    [Fact]
    public async Task TimerInvocationOfHeartbeatReturnsItsHeartbeatLine()
    {
        using var response = await InvokeAsync("Heartbeat", TimerBody);

        var body = await AssertJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Object, body.GetProperty("Outputs").ValueKind);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("ReturnValue").ValueKind);
        var line = Assert.Single(body.GetProperty("Logs").EnumerateArray()).GetString();
        Assert.StartsWith("heartbeat ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueueInvocationDeliversTheDecodedMessage()
    {
        using var response = await InvokeAsync(TestFunctions.RecordingQueue, QueueBody, "inv-queue-1");

        var body = await AssertJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("received contract-1 (attempt 2)", Assert.Single(body.GetProperty("Logs").EnumerateArray()).GetString());
        var received = Assert.Single(handler.Received.Queue, m => m.InvocationId == "inv-queue-1");
        Assert.Equal("{\"orderId\":42}", received.Message);
        Assert.Equal(2, received.DequeueCount);
    }

    [Fact]
    public async Task QueueInvocationWithMalformedJsonFailsWith400()
    {
        using var response = await InvokeAsync(TestFunctions.RecordingQueue, "{\"Data\":{\"msg\":");

        var body = await AssertJsonAsync(response, HttpStatusCode.BadRequest);
        Assert.StartsWith("The invocation request body is not valid JSON", body.GetProperty("Error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueueInvocationWithoutDataFailsWith400()
    {
        using var response = await InvokeAsync(TestFunctions.RecordingQueue, """{"Metadata":{"DequeueCount":1,"Id":"x"}}""");

        var body = await AssertJsonAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("The invocation request has no Data object.", body.GetProperty("Error").GetString());
    }

    [Fact]
    public async Task FunctionThatThrowsFailsWith500AndANonEmptyJsonError()
    {
        using var response = await InvokeAsync(TestFunctions.FailingQueue, QueueBody, "inv-fail-1");

        var body = await AssertJsonAsync(response, HttpStatusCode.InternalServerError);
        Assert.Equal("FailingQueue failed: InvalidOperationException: the shop did not answer", body.GetProperty("Error").GetString());
        Assert.Equal("inv-fail-1", body.GetProperty("InvocationId").GetString());
        Assert.DoesNotContain(" at ", body.GetProperty("Error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownFunctionFailsWith404NamingIt()
    {
        using var response = await InvokeAsync("NoSuchFunction", QueueBody);

        var body = await AssertJsonAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("'NoSuchFunction'", body.GetProperty("Error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForwardedHealthRequestIsAnsweredAtItsApiPath()
    {
        using var request = Forwarded(HttpMethod.Get, "/api/health");

        using var response = await handler.Client.SendAsync(request);

        var body = await AssertJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ForwardedRequestArrivesWithItsPathQueryHeadersAndBody()
    {
        using var request = Forwarded(HttpMethod.Post, "/api/echo/42?since=2026-01-01&code=abc");
        request.Content = new StringContent("{\"hello\":\"world\"}", Encoding.UTF8, "application/json");

        using var response = await handler.Client.SendAsync(request);

        var body = await AssertJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("POST", body.GetProperty("method").GetString());
        Assert.Equal("/api/echo/42", body.GetProperty("path").GetString());
        Assert.Equal("42", body.GetProperty("id").GetString());
        Assert.Equal("?since=2026-01-01&code=abc", body.GetProperty("query").GetString());
        Assert.Equal("inv-http-1", body.GetProperty("invocationId").GetString());
        Assert.Equal("{\"hello\":\"world\"}", body.GetProperty("body").GetString());
    }

    [Fact]
    public async Task HttpFunctionAnswersOnlyItsDeclaredMethods()
    {
        using var request = Forwarded(HttpMethod.Delete, "/api/health");

        using var response = await handler.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task HttpFunctionThatThrowsAnswersProblemJsonWithoutTheExceptionMessage()
    {
        using var request = Forwarded(HttpMethod.Put, "/api/fail");

        using var response = await handler.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(500, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
        Assert.DoesNotContain("secret", body, StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> InvokeAsync(string functionName, string body, string invocationId = "inv-contract")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/{functionName}", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        AddHostHeaders(request, invocationId);
        return handler.Client.SendAsync(request);
    }

    // What the host adds when it forwards a request (enableForwardingHttpRequest).
    private static HttpRequestMessage Forwarded(HttpMethod method, string pathAndQuery)
    {
        var request = new HttpRequestMessage(method, new Uri(pathAndQuery, UriKind.Relative));
        AddHostHeaders(request, "inv-http-1");
        return request;
    }

    private static void AddHostHeaders(HttpRequestMessage request, string invocationId)
    {
        request.Headers.Add(InvocationHeaders.InvocationId, invocationId);
        request.Headers.Add(InvocationHeaders.HostVersion, "4.1037.0");
        request.Headers.TryAddWithoutValidation("User-Agent", "Azure-Functions-Host/4.1037.0");
    }

    /// <summary>Every reply the host gets is a non-empty JSON body with a JSON media type.</summary>
    private static async Task<JsonElement> AssertJsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.False(string.IsNullOrWhiteSpace(text), "The body is empty: the host would hang on it.");
        using var document = JsonDocument.Parse(text);
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        return document.RootElement.Clone();
    }
}
