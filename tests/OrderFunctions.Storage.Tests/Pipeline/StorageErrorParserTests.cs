using Azure;
using OrderFunctions.Storage.Connection;
using OrderFunctions.Storage.Tables;
using OrderFunctions.Storage.Tests.Support;

namespace OrderFunctions.Storage.Tests.Pipeline;

public sealed class StorageErrorParserTests
{
    [Fact]
    public async Task TableErrorCodeIsReadFromTheODataBodyWhenTheHeaderIsMissing()
    {
        var transport = new CapturingTransport(new CannedResponse(409,
            "{\"odata.error\":{\"code\":\"EntityAlreadyExists\",\"message\":{\"lang\":\"en-US\",\"value\":\"The specified entity already exists.\"}}}"));
        var table = Development.CreateTableServiceClient(new StorageClientOptions { Transport = transport }).GetTableClient("orders");

        var e = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r")));

        Assert.Equal(409, e.Status);
        Assert.Equal(StorageErrorCodes.EntityAlreadyExists, e.ErrorCode);
        Assert.Contains("The specified entity already exists.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueueErrorCodeIsReadFromTheXmlBodyWhenTheHeaderIsMissing()
    {
        var transport = new CapturingTransport(new CannedResponse(404,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>QueueNotFound</Code><Message>The specified queue does not exist.</Message></Error>"));
        var queue = Development.CreateQueueServiceClient(new StorageClientOptions { Transport = transport }).GetQueueClient("steps");

        var e = await Assert.ThrowsAsync<RequestFailedException>(() => queue.SendMessageAsync("x"));

        Assert.Equal(StorageErrorCodes.QueueNotFound, e.ErrorCode);
        Assert.True(e.IsNotFound());
    }

    [Fact]
    public async Task HeaderCodeWinsAndTheAuthorizationHeaderNeverAppearsInTheMessage()
    {
        var transport = new CapturingTransport(new CannedResponse(412, "", ("x-ms-error-code", "UpdateConditionNotSatisfied")));
        var table = Development.CreateTableServiceClient(new StorageClientOptions { Transport = transport }).GetTableClient("orders");

        var e = await Assert.ThrowsAsync<RequestFailedException>(() => table.UpdateEntityAsync(new TableEntity("p", "r"), new ETag("W/\"1\"")));

        Assert.Equal(StorageErrorCodes.UpdateConditionNotSatisfied, e.ErrorCode);
        Assert.True(e.IsPreconditionFailed());
        Assert.DoesNotContain(transport.Single.Header("Authorization"), e.Message, StringComparison.Ordinal);
    }

    private static StorageConnection Development => StorageConnection.FromConnectionString("UseDevelopmentStorage=true");
}
