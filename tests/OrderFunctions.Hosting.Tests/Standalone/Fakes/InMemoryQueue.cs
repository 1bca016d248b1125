using System.Collections.Concurrent;
using System.Text;
using Azure;
using OrderFunctions.Hosting.Standalone.Queues;
using OrderFunctions.Storage;
using OrderFunctions.Storage.Queues;

namespace OrderFunctions.Hosting.Tests.Standalone.Fakes;

/// <summary>
/// A queue with the service's semantics that the listener relies on: receive hides for a visibility timeout and
/// bumps the dequeue count, every receive/update issues a new pop receipt, and delete/update with a stale receipt
/// fail as the service fails them. It also keeps a log of operations for assertions. It holds message text as stored;
/// <see cref="Enqueue"/> and <see cref="Bodies"/> apply the host's default base64 <c>messageEncoding</c>.
/// </summary>
internal sealed class InMemoryQueue(string name, TimeProvider time) : IQueue
{
    private readonly object _gate = new();
    private readonly List<Entry> _entries = [];
    private readonly ConcurrentQueue<string> _operations = new();

    public string Name => name;

    public bool Exists { get; private set; }

    /// <summary>Fault injection: asked before each operation ("create", "receive", "delete", "update", "send"); an
    /// exception it returns is thrown instead of doing the operation (as when storage is down or restarting).</summary>
    public Func<string, Exception?>? Fault { get; set; }

    /// <summary>A fault that fails the next <paramref name="times"/> calls of <paramref name="operation"/> with a 503.</summary>
    public void FailNext(string operation, int times)
    {
        var left = times;
        Fault = op => op == operation && Interlocked.Decrement(ref left) >= 0
            ? new RequestFailedException(503, "Injected: the server is busy.", "ServerBusy", null)
            : null;
    }

    /// <summary>How many operations <see cref="Fault"/> failed.</summary>
    public int FaultsThrown => _faultsThrown;

    private int _faultsThrown;

    private void ThrowIfFaulted(string operation)
    {
        if (Fault?.Invoke(operation) is { } fault)
        {
            Interlocked.Increment(ref _faultsThrown);
            throw fault;
        }
    }

    /// <summary>"receive:{id}", "delete:{id}", "update:{id}:{seconds}", "send" — in order.</summary>
    public IReadOnlyList<string> Operations => [.. _operations];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The messages' bodies, base64-decoded.</summary>
    public IReadOnlyList<string> Bodies => [.. StoredTexts.Select(t => Encoding.UTF8.GetString(Convert.FromBase64String(t)))];

    /// <summary>The messages' text exactly as stored.</summary>
    public IReadOnlyList<string> StoredTexts
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries.Select(e => e.Text)];
            }
        }
    }

    /// <summary>Puts a message, base64-encoded as the host's default <c>messageEncoding</c> expects, as if it had already
    /// been received <paramref name="dequeueCount"/> times.</summary>
    public string Enqueue(string body, long dequeueCount = 0) =>
        EnqueueStoredText(Convert.ToBase64String(Encoding.UTF8.GetBytes(body)), dequeueCount);

    /// <summary>Puts <paramref name="storedText"/> as it is (e.g. text that is not base64).</summary>
    public string EnqueueStoredText(string storedText, long dequeueCount = 0)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var entry = new Entry(Guid.NewGuid().ToString(), storedText, now, now.AddDays(7)) { DequeueCount = dequeueCount, VisibleAt = now };
            _entries.Add(entry);
            return entry.Id;
        }
    }

    public bool IsVisible(string messageId)
    {
        lock (_gate)
        {
            return _entries.Single(e => e.Id == messageId).VisibleAt <= time.GetUtcNow();
        }
    }

    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken)
    {
        ThrowIfFaulted("create");
        Exists = true;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        ThrowIfFaulted("receive");
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var received = new List<QueueMessage>();
            foreach (var entry in _entries.Where(e => e.VisibleAt <= now).Take(maxMessages))
            {
                entry.DequeueCount++;
                entry.PopReceipt = Guid.NewGuid().ToString("N");
                entry.VisibleAt = now + visibilityTimeout;
                _operations.Enqueue($"receive:{entry.Id}");
                received.Add(new QueueMessage(entry.Id, entry.PopReceipt, entry.Text, entry.DequeueCount, entry.InsertedOn, entry.ExpiresOn, entry.VisibleAt));
            }

            return Task.FromResult<IReadOnlyList<QueueMessage>>(received);
        }
    }

    public Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken)
    {
        ThrowIfFaulted("delete");
        lock (_gate)
        {
            _entries.Remove(Find(messageId, popReceipt));
            _operations.Enqueue($"delete:{messageId}");
            return Task.CompletedTask;
        }
    }

    public Task<UpdateReceipt> UpdateMessageAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        ThrowIfFaulted("update");
        lock (_gate)
        {
            var entry = Find(messageId, popReceipt);
            entry.PopReceipt = Guid.NewGuid().ToString("N");
            entry.VisibleAt = time.GetUtcNow() + visibilityTimeout;
            _operations.Enqueue($"update:{messageId}:{visibilityTimeout.TotalSeconds:0}");
            return Task.FromResult(new UpdateReceipt(entry.PopReceipt, entry.VisibleAt));
        }
    }

    public Task SendMessageAsync(string storedText, CancellationToken cancellationToken)
    {
        ThrowIfFaulted("send");
        EnqueueStoredText(storedText);
        _operations.Enqueue("send");
        return Task.CompletedTask;
    }

    private Entry Find(string messageId, string popReceipt)
    {
        var entry = _entries.SingleOrDefault(e => e.Id == messageId)
            ?? throw new RequestFailedException(404, "The specified message does not exist.", StorageErrorCodes.MessageNotFound, null);
        return entry.PopReceipt == popReceipt
            ? entry
            : throw new RequestFailedException(400, "The specified pop receipt did not match.", StorageErrorCodes.PopReceiptMismatch, null);
    }

    private sealed class Entry(string id, string text, DateTimeOffset insertedOn, DateTimeOffset expiresOn)
    {
        public string Id => id;

        public string Text => text;

        public DateTimeOffset InsertedOn => insertedOn;

        public DateTimeOffset ExpiresOn => expiresOn;

        public long DequeueCount { get; set; }

        public string PopReceipt { get; set; } = "";

        public DateTimeOffset VisibleAt { get; set; }
    }
}

/// <summary>Every (connection, queue) pair gets its own <see cref="InMemoryQueue"/>.</summary>
internal sealed class InMemoryQueueProvider(TimeProvider? time = null) : IQueueProvider
{
    private readonly ConcurrentDictionary<string, InMemoryQueue> _queues = new(StringComparer.Ordinal);

    public InMemoryQueue this[string queueName] => _queues.GetOrAdd(queueName, n => new InMemoryQueue(n, time ?? TimeProvider.System));

    public string Describe(string connectionName) => $"in memory ({connectionName})";

    public IQueue GetQueue(string connectionName, string queueName) => this[queueName];
}
