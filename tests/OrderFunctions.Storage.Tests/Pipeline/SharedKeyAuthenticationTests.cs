using Azure;
using OrderFunctions.Storage.Connection;
using OrderFunctions.Testing;
using OrderFunctions.Testing.Azurite;

namespace OrderFunctions.Storage.Tests.Pipeline;

/// <summary>Azurite checks Shared Key signatures, so the rest of the suite passing proves our signing; this proves
/// the check is real.</summary>
public sealed class SharedKeyAuthenticationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task WrongAccountKeyIsRefusedWith403ByBothServices()
    {
        var instance = azurite.Instance;
        var wrongKey = Convert.ToBase64String(new byte[64]);
        var connection = StorageConnection.FromConnectionString(
            $"AccountName={AzuriteInstance.AccountName};AccountKey={wrongKey};TableEndpoint={instance.TableServiceUri};QueueEndpoint={instance.QueueServiceUri}");
        var options = new StorageClientOptions();
        options.Retry.MaxRetries = 0;

        var table = await Assert.ThrowsAsync<RequestFailedException>(
            () => connection.CreateTableServiceClient(options).GetTableClient(UniqueName.Table()).CreateIfNotExistsAsync());
        var queue = await Assert.ThrowsAsync<RequestFailedException>(
            () => connection.CreateQueueServiceClient(options).GetQueueClient(UniqueName.Queue()).CreateIfNotExistsAsync());

        // Azure answers AuthenticationFailed; Azurite's table service says AuthorizationFailure. Both are 403.
        Assert.Equal(403, table.Status);
        Assert.Equal(403, queue.Status);
        Assert.False(string.IsNullOrEmpty(table.ErrorCode));
        Assert.False(string.IsNullOrEmpty(queue.ErrorCode));
    }
}
