using System.Text;
using System.Text.Json;
using OrderFunctions.Hosting.Contract;

namespace OrderFunctions.Hosting.Tests.Contract;

public class InvocationRequestTests
{
    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"Data\":")]
    public void BodyThatIsNotJsonIsRejectedWithTheReason(string body)
    {
        var e = Assert.Throws<InvocationRequestException>(() => InvocationRequest.Parse(body));

        Assert.StartsWith("The invocation request body is not valid JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BodyWithoutDataIsRejected()
    {
        var e = Assert.Throws<InvocationRequestException>(() => InvocationRequest.Parse("""{"Metadata":{}}"""));

        Assert.Equal("The invocation request has no Data object.", e.Message);
    }

    [Theory]
    [InlineData("""[1,2]""", "The invocation request must be a JSON object with Data and Metadata, but is an array.")]
    [InlineData("""{"Data":"x"}""", "Data must be an object, but is a string.")]
    [InlineData("""{"Data":{},"Metadata":[1]}""", "Metadata must be an object, but is an array.")]
    public void BodyOfTheWrongShapeIsRejectedNamingThePart(string body, string expected)
    {
        var e = Assert.Throws<InvocationRequestException>(() => InvocationRequest.Parse(body));

        Assert.Equal(expected, e.Message);
    }

    [Fact]
    public void JsonTextInsideAStringIsDecodedExactlyOnce()
    {
        var request = InvocationRequest.Parse("""{"Data":{"msg":"\"\\\"quoted\\\"\""}}""");

        // The host sent SerializeObject("\"quoted\"") inside a string: one decode gives back the message text.
        Assert.Equal("\"quoted\"", request.Data["msg"].GetString());
    }

    [Theory]
    [InlineData("\"1\"", JsonValueKind.Number)]
    [InlineData("\"true\"", JsonValueKind.True)]
    [InlineData("\"{\\\"a\\\":1}\"", JsonValueKind.Object)]
    [InlineData("\"[1]\"", JsonValueKind.Array)]
    [InlineData("\"2026-01-08T10:00:00+00:00\"", JsonValueKind.String)]
    [InlineData("\"plain words\"", JsonValueKind.String)]
    [InlineData("\"{not json\"", JsonValueKind.String)]
    [InlineData("{\"a\":\"1\"}", JsonValueKind.Object)]
    public void StringValuesHoldingJsonBecomeThatJsonAndOthersStayStrings(string encoded, JsonValueKind expected)
    {
        var request = InvocationRequest.Parse($$$"""{"Data":{},"Metadata":{"Value":{{{encoded}}}}}""");

        Assert.Equal(expected, request.Metadata["Value"].ValueKind);
    }

    [Fact]
    public void NestedValuesAreNotDecodedAgain()
    {
        var request = InvocationRequest.Parse("""{"Data":{"timer":{"IsPastDue":"true"}}}""");

        Assert.Equal(JsonValueKind.String, request.Data["timer"].GetProperty("IsPastDue").ValueKind);
    }

    [Fact]
    public void KeysMatchCaseInsensitivelyAndUnknownKeysAreKept()
    {
        var request = InvocationRequest.Parse("""{"data":{"MSG":"\"x\"","extra":1},"metadata":{"dequeuecount":"2"}}""");

        Assert.Equal("x", request.RequireData("msg").GetString());
        Assert.Equal(1, request.Data["extra"].GetInt32());
        Assert.Equal(2, request.RequireMetadata("DequeueCount").GetInt32());
    }

    [Fact]
    public void MissingMetadataReadsAsEmpty()
    {
        var request = InvocationRequest.Parse("""{"Data":{"timer":{}}}""");

        Assert.Empty(request.Metadata);
        Assert.Null(request.FindMetadata("Id"));
    }

    [Fact]
    public async Task ReadingFromAStreamDecodesTheSameWay()
    {
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(HostPayloads.QueueFromHostCode));

        var request = await InvocationRequest.ReadAsync(body, CancellationToken.None);

        Assert.Equal("{\"orderId\":42}", request.RequireData("msg").GetString());
    }

    [Fact]
    public async Task StreamThatIsNotJsonIsRejected()
    {
        using var body = new MemoryStream(Encoding.UTF8.GetBytes("<xml/>"));

        await Assert.ThrowsAsync<InvocationRequestException>(() => InvocationRequest.ReadAsync(body, CancellationToken.None));
    }
}
