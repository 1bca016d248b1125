using Azure;
using Microsoft.Extensions.Logging;
using OrderFunctions.Hosting.Standalone.HostJson;
using OrderFunctions.Hosting.Standalone.Invocation;
using OrderFunctions.Storage;
using OrderFunctions.Storage.Queues;

namespace OrderFunctions.Hosting.Standalone.Queues;

/// <summary>
/// One queue-trigger function, run as the Storage Queues extension runs it (QueueListener + QueueProcessor):
/// receive up to <c>batchSize</c> messages hidden for the lease, invoke each concurrently, fetch the next batch once
/// in-flight messages drop to <c>newBatchThreshold</c>, and back off on empty polls. Per message: 2xx deletes it;
/// a failure makes it visible again after <c>visibilityTimeout</c>, or moves it to <c>&lt;queue&gt;-poison</c> once
/// it has been tried <c>maxDequeueCount</c> times; one that arrives already past the limit goes to poison uninvoked,
/// and so does one whose text does not fit <c>messageEncoding</c> (the others of its batch run as usual).
/// </summary>
internal sealed class QueueListener(
    string functionName,
    IQueue queue,
    IQueue poisonQueue,
    QueueSettings settings,
    TimeSpan messageLease,
    HandlerClient handler,
    TimeProvider time,
    ILogger logger) : IDisposable
{
    private readonly AsyncOnce _queueCreated = new(queue.CreateIfNotExistsAsync);
    private readonly AsyncOnce _poisonQueueCreated = new(poisonQueue.CreateIfNotExistsAsync);
    private readonly PollingBackoff _backoff = new(settings.MaxPollingInterval, Random.Shared);

    public string QueueName => queue.Name;

    /// <summary>Polls until <paramref name="stopping"/>, then waits for in-flight messages; <paramref name="abort"/>
    /// cuts those short (their messages become visible again at once).</summary>
    public async Task RunAsync(CancellationToken stopping, CancellationToken abort)
    {
        var inFlight = new List<Task>();
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var batch = await PollAsync(stopping);
                if (batch is null || batch.Count == 0)
                {
                    await Task.Delay(_backoff.NextDelay(), time, stopping);
                    continue;
                }

                _backoff.Reset();
                foreach (var message in batch)
                {
                    inFlight.Add(ProcessAsync(message, abort));
                }

                inFlight.RemoveAll(task => task.IsCompleted);
                while (inFlight.Count > settings.NewBatchThreshold)
                {
                    var finished = await Task.WhenAny(inFlight).WaitAsync(stopping);
                    inFlight.Remove(finished);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: no more polls.
        }
        finally
        {
            await Task.WhenAll(inFlight);
        }
    }

    /// <summary>The batch, or null after a storage failure (logged; the caller backs off as on an empty queue).</summary>
    private async Task<IReadOnlyList<QueueMessage>?> PollAsync(CancellationToken stopping)
    {
        try
        {
            await _queueCreated.EnsureAsync(stopping);

            // Not cancelled by stopping: messages received by a cut-off call would stay hidden for a whole lease.
            return await queue.ReceiveMessagesAsync(settings.BatchSize, messageLease, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            ForgetQueueIfGone(e, _queueCreated);
            StandaloneLog.QueuePollFailed(logger, functionName, queue.Name, e);
            return null;
        }
    }

    /// <summary>A queue can vanish under a running listener (an in-memory Azurite restarted, someone deleted it):
    /// create it again on the next attempt instead of failing every poll until restart.</summary>
    private static void ForgetQueueIfGone(Exception e, AsyncOnce created)
    {
        if (e is RequestFailedException { ErrorCode: StorageErrorCodes.QueueNotFound })
        {
            created.Reset();
        }
    }

    /// <summary>Never throws. Storage failures while settling a message are retried for as long as the message is
    /// surely still hidden (<see cref="SettleAsync"/>); after that, or on shutdown, the message simply becomes visible
    /// again when its lease runs out (at-least-once, as with the host).</summary>
    private async Task ProcessAsync(QueueMessage message, CancellationToken abort)
    {
        try
        {
            // Let the poll loop go on before this invocation's synchronous start.
            await Task.Yield();

            if (message.DequeueCount > settings.MaxDequeueCount)
            {
                await MoveToPoisonAsync(message, message.PopReceipt, abort);
                LogMovedToPoison(message);
                return;
            }

            // As the host does with a message it cannot decode: aside at once, uninvoked; the rest of the batch goes on.
            if (!QueueMessageText.TryDecode(message.Body, settings.MessageEncoding, out var body))
            {
                await MoveToPoisonAsync(message, message.PopReceipt, abort);
                StandaloneLog.MessageUndecodable(logger, functionName, queue.Name, message.MessageId, settings.MessageEncoding, poisonQueue.Name);
                return;
            }

            var payload = InvocationPayloads.ForQueueMessage(message with { Body = body }, SystemBindingData.For(functionName, time));
            var lease = MessageLease.Start(queue, message, messageLease, time, logger);
            InvocationResult result;
            string? popReceipt;
            try
            {
                result = await handler.InvokeAsync(functionName, "Queue", payload, abort);
            }
            finally
            {
                // Even if the invocation threw: a lease renewed forever would hide the message forever.
                popReceipt = await lease.StopAsync();
            }

            if (popReceipt is null)
            {
                return;
            }

            switch (result)
            {
                case InvocationResult.Succeeded:
                    await SettleAsync(message, () => queue.DeleteMessageAsync(message.MessageId, popReceipt, CancellationToken.None), SettleDeadline(), abort);
                    break;
                case InvocationResult.Aborted:
                    // Not the message's fault: back on the queue at once for the next start (not retried: stopping).
                    await queue.UpdateMessageAsync(message.MessageId, popReceipt, TimeSpan.Zero, CancellationToken.None);
                    break;
                case InvocationResult.Failed when message.DequeueCount >= settings.MaxDequeueCount:
                    await MoveToPoisonAsync(message, popReceipt, abort);
                    LogMovedToPoison(message);
                    break;
                default:
                    await SettleAsync(
                        message, () => queue.UpdateMessageAsync(message.MessageId, popReceipt, settings.VisibilityTimeout, CancellationToken.None), SettleDeadline(), abort);
                    StandaloneLog.MessageWillRetry(
                        logger, functionName, queue.Name, message.MessageId, message.DequeueCount, settings.MaxDequeueCount, settings.VisibilityTimeout);
                    break;
            }
        }
        catch (RequestFailedException e) when (MessageLease.IsLeaseLost(e))
        {
            StandaloneLog.MessageLeaseLost(logger, queue.Name, message.MessageId, e.ErrorCode);
        }
        catch (Exception e)
        {
            StandaloneLog.MessageSettleFailed(logger, functionName, queue.Name, message.MessageId, e);
        }
    }

    /// <summary>Copy the stored text unchanged to <c>&lt;queue&gt;-poison</c> first, then delete the original: a crash
    /// in between leaves a duplicate, never a loss.</summary>
    private async Task MoveToPoisonAsync(QueueMessage message, string popReceipt, CancellationToken abort)
    {
        var deadline = SettleDeadline();
        await SettleAsync(message, SendToPoisonAsync, deadline, abort);
        await SettleAsync(message, () => queue.DeleteMessageAsync(message.MessageId, popReceipt, CancellationToken.None), deadline, abort);

        async Task SendToPoisonAsync()
        {
            await _poisonQueueCreated.EnsureAsync(CancellationToken.None);
            try
            {
                await poisonQueue.SendMessageAsync(message.Body, CancellationToken.None);
            }
            catch (Exception e)
            {
                ForgetQueueIfGone(e, _poisonQueueCreated);
                throw;
            }
        }
    }

    /// <summary>When settling must give up: the lease just ended (or the message was just received), so the message
    /// stays hidden at least half a lease more; until then a retried delete cannot race a second delivery.</summary>
    private DateTimeOffset SettleDeadline() => time.GetUtcNow() + messageLease / 2;

    /// <summary>Runs one storage step of settling through transient failures (storage restarting, 5xx, timeouts),
    /// backing off as polling does, until <paramref name="deadline"/> or shutdown. A lost lease is final at once.</summary>
    private async Task SettleAsync(QueueMessage message, Func<Task> step, DateTimeOffset deadline, CancellationToken abort)
    {
        var backoff = new PollingBackoff(settings.MaxPollingInterval, Random.Shared);
        while (true)
        {
            try
            {
                await step();
                return;
            }
            catch (Exception e) when (e is not RequestFailedException { } r || !MessageLease.IsLeaseLost(r))
            {
                var delay = backoff.NextDelay();
                if (abort.IsCancellationRequested || time.GetUtcNow() + delay >= deadline)
                {
                    throw;
                }

                StandaloneLog.MessageSettleRetrying(logger, functionName, queue.Name, message.MessageId, delay, e);
                await Task.Delay(delay, time, abort);
            }
        }
    }

    private void LogMovedToPoison(QueueMessage message) =>
        StandaloneLog.MessageMovedToPoison(logger, functionName, queue.Name, message.MessageId, message.DequeueCount, settings.MaxDequeueCount, poisonQueue.Name);

    public void Dispose()
    {
        _queueCreated.Dispose();
        _poisonQueueCreated.Dispose();
    }
}
