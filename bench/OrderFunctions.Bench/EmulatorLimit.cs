using System.Collections.Concurrent;
using System.Diagnostics;
using OrderFunctions.Storage.Connection;
using OrderFunctions.Storage.Diagnostics;
using OrderFunctions.Storage.Queues;
using OrderFunctions.Storage.Tables;

namespace OrderFunctions.Bench;

/// <summary>
/// The emulator-bound limit of issue 7: how many storage transactions per second this Azurite serves for the same mix
/// of operation kinds the run used (the same clients, order-sized entities, as many requests in flight as
/// <see cref="Concurrency"/>), divided by the run's transactions per order — the throughput a hub that did nothing
/// but its storage calls could reach here. Measured in the same run, on the same machine, so the ratio holds.
/// </summary>
internal static class EmulatorLimit
{
    public const int Concurrency = 32;
    private const int Partitions = 64;

    /// <summary>Replays <paramref name="mix"/> scaled to <paramref name="operations"/> requests; returns requests/s.</summary>
    public static async Task<double> MeasureAsync(StorageConnection connection, StorageFigures mix, int operations, CancellationToken cancellationToken)
    {
        var counter = new StorageTransactionCounter();
        var options = new StorageClientOptions { TransactionCounter = counter };
        var table = connection.CreateTableServiceClient(options).GetTableClient("benchmix" + Environment.ProcessId);
        var queue = connection.CreateQueueServiceClient(options).GetQueueClient("benchmix" + Environment.ProcessId);
        await table.CreateIfNotExistsAsync(cancellationToken);
        await queue.CreateIfNotExistsAsync(cancellationToken);
        var replay = new Replay(table, queue);
        await replay.PrepareAsync(cancellationToken);

        var kinds = Schedule(mix, operations);
        var next = -1;
        counter.Reset();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < kinds.Count)
            {
                await replay.RunAsync(kinds[index], index, cancellationToken);
            }
        }));
        var rate = counter.Total / clock.Elapsed.TotalSeconds;
        await table.DeleteIfExistsAsync(cancellationToken);
        await queue.DeleteIfExistsAsync(cancellationToken);
        return rate;
    }

    /// <summary>The run's kinds in proportion, interleaved (a fixed shuffle), <paramref name="operations"/> in all.</summary>
    private static List<string> Schedule(StorageFigures mix, int operations)
    {
        var total = Math.Max(1, mix.Total);
        var kinds = mix.ByKind
            .Where(pair => pair.Value > 0)
            .SelectMany(pair => Enumerable.Repeat(pair.Key, (int)Math.Max(1, Math.Round((double)pair.Value * operations / total))))
            .ToList();
        var random = new Random(17);
        for (var i = kinds.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (kinds[i], kinds[j]) = (kinds[j], kinds[i]);
        }

        return kinds;
    }

    /// <summary>One request of each kind, shaped like the workflow's: order-sized entities in per-order partitions,
    /// batches of a state write plus a history row, queue messages of a step's size.</summary>
    private sealed class Replay(TableClient table, QueueClient queue)
    {
        private static readonly string Body = new('s', 300);
        private readonly ConcurrentQueue<QueueMessage> _received = new();
        private readonly ConcurrentQueue<(string Partition, string Row)> _deletable = new();
        private long _sequence;

        public async Task PrepareAsync(CancellationToken cancellationToken)
        {
            for (var p = 0; p < Partitions; p++)
            {
                await table.UpsertEntityAsync(Entity(Partition(p), "order"), cancellationToken: cancellationToken);
            }

            for (var m = 0; m < 64; m++)
            {
                await queue.SendMessageAsync(Body, cancellationToken: cancellationToken);
            }
        }

        public async Task RunAsync(string kind, int index, CancellationToken cancellationToken)
        {
            var partition = Partition(index % Partitions);
            switch (kind)
            {
                case StorageOperationKinds.TableGet:
                    await table.GetEntityOrDefaultAsync(partition, "order", cancellationToken: cancellationToken);
                    break;
                case StorageOperationKinds.TableQuery:
                    await table.QueryPageAsync(TableFilter(partition), maxPerPage: 100, cancellationToken: cancellationToken);
                    break;
                case StorageOperationKinds.TableInsert:
                    var row = "h" + Interlocked.Increment(ref _sequence).ToString("D10", System.Globalization.CultureInfo.InvariantCulture);
                    await table.AddEntityAsync(Entity(partition, row), cancellationToken);
                    _deletable.Enqueue((partition, row));
                    break;
                case StorageOperationKinds.TableUpdate or StorageOperationKinds.TableMerge:
                    await table.UpdateEntityAsync(Entity(partition, "order"), Azure.ETag.All, kind == StorageOperationKinds.TableMerge ? TableUpdateMode.Merge : TableUpdateMode.Replace, cancellationToken);
                    break;
                case StorageOperationKinds.TableUpsert:
                    await table.UpsertEntityAsync(Entity(partition, "checkpoint"), cancellationToken: cancellationToken);
                    break;
                case StorageOperationKinds.TableDelete when _deletable.TryDequeue(out var entity):
                    await table.DeleteEntityAsync(entity.Partition, entity.Row, Azure.ETag.All, cancellationToken);
                    break;
                case StorageOperationKinds.TableBatch:
                    var history = "h" + Interlocked.Increment(ref _sequence).ToString("D10", System.Globalization.CultureInfo.InvariantCulture);
                    await table.SubmitTransactionAsync(
                        [
                            new TableTransactionAction(TableTransactionActionType.UpdateReplace, Entity(partition, "order"), Azure.ETag.All),
                            new TableTransactionAction(TableTransactionActionType.Add, Entity(partition, history)),
                        ],
                        cancellationToken);
                    break;
                case StorageOperationKinds.QueuePut:
                    await queue.SendMessageAsync(Body, cancellationToken: cancellationToken);
                    break;
                case StorageOperationKinds.QueueDelete when _received.TryDequeue(out var message):
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                    await queue.SendMessageAsync(Body, cancellationToken: cancellationToken);
                    break;
                case StorageOperationKinds.QueueUpdate when _received.TryDequeue(out var message):
                    await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, TimeSpan.FromSeconds(1), cancellationToken: cancellationToken);
                    break;
                case StorageOperationKinds.QueuePeek:
                    await queue.PeekMessagesAsync(16, cancellationToken);
                    break;
                case StorageOperationKinds.QueueCreate or StorageOperationKinds.TableCreate:
                    await queue.CreateIfNotExistsAsync(cancellationToken);
                    break;
                default:
                    // queue.get, and a delete or update with nothing received yet: a receive, as the runtime's polls.
                    foreach (var received in await queue.ReceiveMessagesAsync(16, TimeSpan.FromSeconds(30), cancellationToken))
                    {
                        _received.Enqueue(received);
                    }

                    break;
            }
        }

        private static string TableFilter(string partition) => $"PartitionKey eq '{partition}'";

        private static string Partition(int p) => "bench-mix:" + p.ToString(System.Globalization.CultureInfo.InvariantCulture);

        private static TableEntity Entity(string partition, string row)
        {
            var entity = new TableEntity(partition, row);
            for (var i = 0; i < 20; i++)
            {
                entity["Field" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = "value of an order field " + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return entity;
        }
    }
}
