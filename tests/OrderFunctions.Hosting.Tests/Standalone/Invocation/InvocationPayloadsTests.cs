using System.Text;
using System.Text.Json;
using OrderFunctions.Hosting.Standalone.Invocation;
using OrderFunctions.Hosting.Standalone.Timers;
using OrderFunctions.Storage.Queues;

namespace OrderFunctions.Hosting.Tests.Standalone.Invocation;

/// <summary>Golden tests: the bodies are compared byte for byte with what the host's Newtonsoft serialization
/// produces for the same values (reference/functions-custom-handler.md §3 and the docs' queue example).</summary>
public sealed class InvocationPayloadsTests
{
    private static readonly SystemBindingData Sys = new(
        "ProcessOrder",
        new DateTimeOffset(2026, 1, 1, 10, 0, 1, TimeSpan.Zero).AddTicks(2345678),
        Guid.Parse("24131dfb-3c49-4f3d-9e8d-c6e07c4abb76"));

    private const string SysJson = """{"MethodName":"ProcessOrder","UtcNow":"2026-01-01T10:00:01.2345678Z","RandGuid":"24131dfb-3c49-4f3d-9e8d-c6e07c4abb76"}""";

    private static QueueMessage Message(string body) => new(
        "3f2c9a1e-0b6d-4c55-9a87-2f1e6d3c4b5a",
        "AgAAAAMAAAAAAAAAAgtnj8x+1QE=",
        body,
        1,
        new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 1, 8, 10, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 1, 1, 10, 10, 0, TimeSpan.Zero));

    [Fact]
    public void QueuePayloadMatchesTheHostByteForByte()
    {
        var body = InvocationPayloads.ForQueueMessage(Message("""{"orderId":42}"""), Sys);

        var expected = OneLine("""
            {"Data":{"msg":"\"{\\\"orderId\\\":42}\""},"Metadata":{"DequeueCount":"1","ExpirationTime":"2026-01-08T10:00:00+00:00",
            "Id":"\"3f2c9a1e-0b6d-4c55-9a87-2f1e6d3c4b5a\"","InsertionTime":"2026-01-01T10:00:00+00:00","NextVisibleTime":"2026-01-01T10:10:00+00:00",
            "PopReceipt":"\"AgAAAAMAAAAAAAAAAgtnj8x+1QE=\"","sys":
            """) + SysJson + "}}";
        Assert.Equal(expected, Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void QueueMessageTextIsDoubleEncodedSoTwoDecodesGiveItBack()
    {
        var payload = JsonDocument.Parse(InvocationPayloads.ForQueueMessage(Message("""{"orderId":42,"note":"a \"quoted\" word"}"""), Sys)).RootElement;

        var once = payload.GetProperty("Data").GetProperty("msg").GetString()!;
        var twice = JsonSerializer.Deserialize<string>(once);

        Assert.Equal("\"{\\\"orderId\\\":42,\\\"note\\\":\\\"a \\\\\\\"quoted\\\\\\\" word\\\"}\"", once);
        Assert.Equal("""{"orderId":42,"note":"a \"quoted\" word"}""", twice);
    }

    [Fact]
    public void QueueMetadataCarriesCountAndIdsAsJsonTextAndDatesAsDates()
    {
        var metadata = JsonDocument.Parse(InvocationPayloads.ForQueueMessage(Message("x"), Sys)).RootElement.GetProperty("Metadata");

        Assert.Equal("1", metadata.GetProperty("DequeueCount").GetString());
        Assert.Equal("\"3f2c9a1e-0b6d-4c55-9a87-2f1e6d3c4b5a\"", metadata.GetProperty("Id").GetString());
        Assert.Equal("\"AgAAAAMAAAAAAAAAAgtnj8x+1QE=\"", metadata.GetProperty("PopReceipt").GetString());
        Assert.Equal(new DateTimeOffset(2026, 1, 8, 10, 0, 0, TimeSpan.Zero), metadata.GetProperty("ExpirationTime").GetDateTimeOffset());
        Assert.Equal(["DequeueCount", "ExpirationTime", "Id", "InsertionTime", "NextVisibleTime", "PopReceipt", "sys"], metadata.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void InnerEncodingEscapesOnlyWhatNewtonsoftEscapes()
    {
        // Newtonsoft keeps non-ASCII, HTML characters and '+' as they are, uses \n-style short escapes, and \u00XX
        // (lower-case hex) for other control characters.
        Assert.Equal("\"ünï <b>&'+\\n\\t\\u0001\\\\\"", NewtonsoftJson.SerializeString("ünï <b>&'+\n\t\u0001\\"));
    }

    [Fact]
    public void TimerPayloadMatchesTheHostByteForByte()
    {
        var status = new ScheduleStatus(
            new DateTimeOffset(2026, 1, 1, 9, 55, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 1, 1, 9, 55, 0, TimeSpan.Zero).AddTicks(105229));

        var body = InvocationPayloads.ForTimer(status, isPastDue: false, Sys);

        var expected = OneLine("""
            {"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"2026-01-01T09:55:00+00:00","Next":"2026-01-01T10:00:00+00:00",
            "LastUpdated":"2026-01-01T09:55:00.0105229+00:00"},"IsPastDue":false}},"Metadata":{"sys":
            """) + SysJson + "}}";
        Assert.Equal(expected, Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void TimerWithoutMonitorSendsNullScheduleStatus()
    {
        var timer = JsonDocument.Parse(InvocationPayloads.ForTimer(null, isPastDue: true, Sys)).RootElement.GetProperty("Data").GetProperty("timer");

        Assert.Equal(JsonValueKind.Null, timer.GetProperty("ScheduleStatus").ValueKind);
        Assert.True(timer.GetProperty("IsPastDue").GetBoolean());
    }

    [Fact]
    public void TimerThatNeverRanShowsTheHostsDefaultDate()
    {
        var status = new ScheduleStatus(ScheduleStatus.Never, new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero), ScheduleStatus.Never);

        var scheduleStatus = JsonDocument.Parse(InvocationPayloads.ForTimer(status, false, Sys)).RootElement
            .GetProperty("Data").GetProperty("timer").GetProperty("ScheduleStatus");

        Assert.Equal("0001-01-01T00:00:00+00:00", scheduleStatus.GetProperty("Last").GetString());
        Assert.Equal("0001-01-01T00:00:00+00:00", scheduleStatus.GetProperty("LastUpdated").GetString());
    }

    private static string OneLine(string text) => text.ReplaceLineEndings("");
}
