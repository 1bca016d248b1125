using OrderFunctions.Storage.Connection;
using OrderFunctions.Storage.Queues;
using OrderFunctions.Storage.Tables;
using Xunit;

namespace OrderFunctions.Testing.Azurite;

/// <summary>
/// The xunit face of <see cref="AzuriteInstance.Shared"/>: use it as a class or collection fixture
/// (<c>IClassFixture&lt;AzuriteFixture&gt;</c>). Every fixture in the process shares one Azurite; disposing a fixture
/// leaves it running for the others, and it stops when the test process exits.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteInstance? _instance;

    public AzuriteInstance Instance => _instance ?? throw new InvalidOperationException("The fixture is not initialized yet.");

    public string ConnectionString => Instance.ConnectionString;

    public StorageConnection Connection => Instance.Connection;

    public async Task InitializeAsync() => _instance = await AzuriteInstance.GetSharedAsync().ConfigureAwait(false);

    public Task DisposeAsync() => Task.CompletedTask;

    public Task<TableClient> CreateTableAsync(string prefix = "test", StorageClientOptions? options = null) => Instance.CreateTableAsync(prefix, options);

    public Task<QueueClient> CreateQueueAsync(string prefix = "test", StorageClientOptions? options = null) => Instance.CreateQueueAsync(prefix, options);
}
