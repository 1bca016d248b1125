using OrderFunctions.Hosting.Contract;

namespace OrderFunctions.Hosting.Tests.Contract;

public class QueueInvocationTests
{
    private static QueueInvocation Read(string body) =>
        QueueInvocation.FromRequest(InvocationRequest.Parse(body), "ProcessOrder", "inv-1");

    [Fact]
    public void DoubleEncodedMessageFromTheHostDecodesToTheEnqueuedText()
    {
        var invocation = Read(HostPayloads.QueueFromHostCode);

        Assert.Equal("{\"orderId\":42}", invocation.Message);
        Assert.Equal("3f2c…", invocation.MessageId);
        Assert.Equal(1, invocation.DequeueCount);
        Assert.Equal("AgAAAA…", invocation.PopReceipt);
        Assert.Equal(new DateTimeOffset(2026, 1, 8, 10, 0, 0, TimeSpan.Zero), invocation.ExpirationTime);
        Assert.Null(invocation.InsertionTime); // "…" in the reference: informational, so unreadable means unknown
        Assert.Equal("ProcessOrder", invocation.FunctionName);
        Assert.Equal("inv-1", invocation.InvocationId);
        Assert.Null(invocation.RetryContext);
    }

    [Fact]
    public void SingleEncodedMessageAsTheDocsShowItDecodesToTheSameText()
    {
        var invocation = Read(HostPayloads.QueueFromDocs);

        Assert.Equal("{\"orderId\":42}", invocation.Message);
        Assert.Equal("3f2c…", invocation.MessageId);
        Assert.Equal(1, invocation.DequeueCount);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 10, 0, 30, TimeSpan.Zero), invocation.NextVisibleTime);
    }

    [Theory]
    [InlineData("\"1\"", 1)]
    [InlineData("1", 1)]
    [InlineData("\"\\\"5\\\"\"", 5)]
    [InlineData("5", 5)]
    public void DequeueCountIsAcceptedAsStringOrNumber(string dequeueCount, long expected)
    {
        var invocation = Read(HostPayloads.Queue("\"\\\"hello\\\"\"", dequeueCount));

        Assert.Equal(expected, invocation.DequeueCount);
    }

    [Theory]
    [InlineData("\"\\\"hello\\\"\"", "hello")] // host code: SerializeObject("hello") in a string
    [InlineData("\"hello\"", "hello")] // docs: the text itself
    [InlineData("\"\\\"42\\\"\"", "42")]
    [InlineData("\"42\"", "42")]
    [InlineData("\"\\\"\\\"\"", "")]
    [InlineData("\"\\\"[1, 2]\\\"\"", "[1, 2]")]
    public void MessageTextSurvivesBothEncodings(string encoded, string expected)
    {
        Assert.Equal(expected, Read(HostPayloads.Queue(encoded)).Message);
    }

    [Theory]
    [InlineData("""{"Data":{},"Metadata":{"DequeueCount":"1","Id":"\"m\""}}""", "Data.msg is missing or null.")]
    [InlineData("""{"Data":{"msg":null},"Metadata":{"DequeueCount":"1","Id":"\"m\""}}""", "Data.msg is missing or null.")]
    [InlineData("""{"Data":{"msg":"\"x\""},"Metadata":{"Id":"\"m\""}}""", "Metadata.DequeueCount is missing or null.")]
    [InlineData("""{"Data":{"msg":"\"x\""},"Metadata":{"DequeueCount":"once","Id":"\"m\""}}""", "Metadata.DequeueCount must be a whole number, but is a string.")]
    [InlineData("""{"Data":{"msg":"\"x\""},"Metadata":{"DequeueCount":1.5,"Id":"\"m\""}}""", "Metadata.DequeueCount must be a whole number, but is a number.")]
    [InlineData("""{"Data":{"msg":"\"x\""},"Metadata":{"DequeueCount":1}}""", "Metadata.Id is missing or null.")]
    [InlineData("""{"Data":{"msg":"\"x\""},"Metadata":{"DequeueCount":1,"Id":{"a":1}}}""", "Metadata.Id must be a string, but is an object.")]
    public void MalformedQueuePayloadIsRejectedNamingTheField(string body, string expected)
    {
        var e = Assert.Throws<InvocationRequestException>(() => Read(body));

        Assert.Equal(expected, e.Message);
    }

    [Fact]
    public void RetryContextIsReadWhenPresent()
    {
        var invocation = Read("""
            {"Data":{"msg":"\"x\""},"Metadata":{"DequeueCount":"1","Id":"\"m\"",
             "RetryContext":{"RetryCount":2,"MaxRetryCount":"5","Exception":{"Message":"boom"}}}}
            """);

        Assert.Equal(new InvocationRetryContext(2, 5), invocation.RetryContext);
    }

    [Theory]
    [InlineData("\"\\\"nonsense\\\"\"")]
    [InlineData("{\"RetryCount\":\"many\"}")]
    [InlineData("{\"MaxRetryCount\":3}")]
    public void MalformedRetryContextIsToleratedAsAbsent(string retryContext)
    {
        var invocation = Read($$$"""{"Data":{"msg":"\"x\""},"Metadata":{"DequeueCount":"1","Id":"\"m\"","RetryContext":{{{retryContext}}}}}""");

        Assert.Null(invocation.RetryContext);
        Assert.Equal("x", invocation.Message);
    }
}
