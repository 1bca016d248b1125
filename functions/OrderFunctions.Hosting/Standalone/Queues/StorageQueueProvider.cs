using Microsoft.Extensions.Configuration;
using OrderFunctions.Storage.Connection;
using OrderFunctions.Storage.Diagnostics;
using OrderFunctions.Storage.Queues;

namespace OrderFunctions.Hosting.Standalone.Queues;

/// <summary>Queues on real storage: each trigger's <c>connection</c> resolved as the host resolves it. Message text is
/// read and written as stored (encoding <c>None</c>); the listener applies host.json <c>messageEncoding</c> per message.
/// One service client (one pipeline) per connection; its requests are counted when a counter is given.</summary>
internal sealed class StorageQueueProvider(IConfiguration configuration, StorageTransactionCounter? counter = null) : IQueueProvider
{
    private readonly Dictionary<string, (StorageConnection Connection, QueueServiceClient Service)> _services = new(StringComparer.OrdinalIgnoreCase);

    public string Describe(string connectionName) => Service(connectionName).Connection.ToString();

    public IQueue GetQueue(string connectionName, string queueName) =>
        new StorageQueue(Service(connectionName).Service.GetQueueClient(queueName));

    private (StorageConnection Connection, QueueServiceClient Service) Service(string connectionName)
    {
        lock (_services)
        {
            if (!_services.TryGetValue(connectionName, out var entry))
            {
                StorageConnection connection;
                try
                {
                    connection = StorageConnection.FromConfiguration(configuration, connectionName);
                }
                catch (InvalidOperationException e)
                {
                    throw new StandaloneConfigurationException($"Queue connection '{connectionName}': {e.Message}", e);
                }

                entry = (connection, connection.CreateQueueServiceClient(new StorageClientOptions { MessageEncoding = QueueMessageEncoding.None, TransactionCounter = counter }));
                _services.Add(connectionName, entry);
            }

            return entry;
        }
    }

    private sealed class StorageQueue(QueueClient client) : IQueue
    {
        public string Name => client.Name;

        public Task CreateIfNotExistsAsync(CancellationToken cancellationToken) => client.CreateIfNotExistsAsync(cancellationToken);

        public Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken) =>
            client.ReceiveMessagesAsync(maxMessages, visibilityTimeout, cancellationToken);

        public Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken) =>
            client.DeleteMessageAsync(messageId, popReceipt, cancellationToken);

        public Task<UpdateReceipt> UpdateMessageAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, CancellationToken cancellationToken) =>
            client.UpdateMessageAsync(messageId, popReceipt, visibilityTimeout, cancellationToken: cancellationToken);

        public Task SendMessageAsync(string storedText, CancellationToken cancellationToken) =>
            client.SendMessageAsync(storedText, cancellationToken: cancellationToken);
    }
}
