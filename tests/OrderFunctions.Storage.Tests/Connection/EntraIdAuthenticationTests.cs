using Azure;
using OrderFunctions.Storage.Connection;
using OrderFunctions.Storage.Queues;
using OrderFunctions.Storage.Tables;
using OrderFunctions.Storage.Tests.Support;
using OrderFunctions.Testing;

namespace OrderFunctions.Storage.Tests.Connection;

/// <summary>Bearer tokens against Azurite's <c>--oauth basic</c> over HTTPS (DESIGN §2): the Entra ID path for real.</summary>
public sealed class EntraIdAuthenticationTests(OAuthAzuriteFixture azurite) : IClassFixture<OAuthAzuriteFixture>
{
    private const string StorageAudience = "https://storage.azure.com";

    [Fact]
    public async Task TableOperationsSucceedWithAValidToken()
    {
        var credential = new UnsignedJwtCredential(StorageAudience, DateTimeOffset.UtcNow.AddHours(1));
        var table = Connect(credential).CreateTableServiceClient(Options()).GetTableClient(UniqueName.Table());

        await table.CreateIfNotExistsAsync();
        var etag = await table.AddEntityAsync(new TableEntity("p", "r") { ["State"] = "New" });
        await table.UpdateEntityAsync(new TableEntity("p", "r") { ["State"] = "Done" }, etag);
        await table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "h1"))]);
        var all = await table.QueryAsync(TableFilter.Equal("PartitionKey", "p")).ToListAsync();

        Assert.Equal(["h1", "r"], all.Select(e => e.RowKey).Order());
        Assert.Equal("Done", all.Single(e => e.RowKey == "r").GetString("State"));
        Assert.Contains(credential.RequestedScopes, scopes => scopes.SequenceEqual(["https://storage.azure.com/.default"]));
    }

    [Fact]
    public async Task QueueOperationsSucceedWithAValidToken()
    {
        var credential = new UnsignedJwtCredential(StorageAudience, DateTimeOffset.UtcNow.AddHours(1));
        var queue = Connect(credential).CreateQueueServiceClient(Options()).GetQueueClient(UniqueName.Queue());

        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("step");
        var message = Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30)));
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);

        Assert.Equal("step", message.Body);
        Assert.Equal(0, await queue.GetApproximateMessageCountAsync());
    }

    [Theory]
    [InlineData("https://vault.azure.net", 60)]
    [InlineData(StorageAudience, -60)]
    public async Task WrongAudienceOrExpiredTokenIsRefusedWith403(string audience, int expiresInMinutes)
    {
        var connection = Connect(new UnsignedJwtCredential(audience, DateTimeOffset.UtcNow.AddMinutes(expiresInMinutes)));
        var table = connection.CreateTableServiceClient(Options()).GetTableClient(UniqueName.Table());
        var queue = connection.CreateQueueServiceClient(Options()).GetQueueClient(UniqueName.Queue());

        var tableFailure = await Assert.ThrowsAsync<RequestFailedException>(() => table.CreateIfNotExistsAsync());
        var queueFailure = await Assert.ThrowsAsync<RequestFailedException>(() => queue.CreateIfNotExistsAsync());

        Assert.Equal(403, tableFailure.Status);
        Assert.Equal(403, queueFailure.Status);
        Assert.Equal(StorageErrorCodes.AuthenticationFailed, tableFailure.ErrorCode);
        Assert.Equal(StorageErrorCodes.AuthenticationFailed, queueFailure.ErrorCode);
    }

    private StorageConnection Connect(UnsignedJwtCredential credential) =>
        StorageConnection.FromServiceUris(azurite.Instance.TableServiceUri, azurite.Instance.QueueServiceUri, credential);

    private StorageClientOptions Options()
    {
        var options = new StorageClientOptions { Transport = azurite.CreateTrustingTransport() };
        options.Retry.MaxRetries = 0;
        return options;
    }
}
