using Azure;
using Microsoft.Extensions.Logging;
using OrderFunctions.Storage;
using OrderFunctions.Storage.Queues;

namespace OrderFunctions.Hosting.Standalone.Queues;

/// <summary>
/// Keeps a received message hidden while its invocation runs: the message was received invisible for the lease,
/// and every half lease the visibility is pushed out by another lease (the host does this with a 10-minute lease).
/// If the process dies, renewals stop and the message reappears when the lease runs out — nothing is lost.
/// Each renewal changes the pop receipt; <see cref="StopAsync"/> returns the current one for the final delete/update.
/// </summary>
internal sealed class MessageLease
{
    private readonly IQueue _queue;
    private readonly QueueMessage _message;
    private readonly TimeSpan _lease;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewals;
    private string _popReceipt;
    private bool _lost;

    private MessageLease(IQueue queue, QueueMessage message, TimeSpan lease, TimeProvider time, ILogger logger)
    {
        _queue = queue;
        _message = message;
        _lease = lease;
        _time = time;
        _logger = logger;
        _popReceipt = message.PopReceipt;
        _renewals = RenewAsync();
    }

    public static MessageLease Start(IQueue queue, QueueMessage message, TimeSpan lease, TimeProvider time, ILogger logger) =>
        new(queue, message, lease, time, logger);

    /// <summary>Stops renewing (an in-flight renewal completes, so the receipt stays right) and returns the current
    /// pop receipt, or null when the lease was lost and the message may already be someone else's.</summary>
    public async Task<string?> StopAsync()
    {
        await _stop.CancelAsync();
        await _renewals;
        _stop.Dispose();
        return _lost ? null : _popReceipt;
    }

    public static bool IsLeaseLost(RequestFailedException e) =>
        e.Status == 404 || e.ErrorCode is StorageErrorCodes.PopReceiptMismatch or StorageErrorCodes.MessageNotFound;

    private async Task RenewAsync()
    {
        var wait = _lease / 2;
        var retries = new PollingBackoff(_lease / 4, Random.Shared);
        while (true)
        {
            try
            {
                await Task.Delay(wait, _time, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                // Not cancelled by StopAsync: a renewal cut off mid-flight could change the receipt unseen.
                var receipt = await _queue.UpdateMessageAsync(_message.MessageId, _popReceipt, _lease, CancellationToken.None);
                _popReceipt = receipt.PopReceipt;
                wait = _lease / 2;
                retries.Reset();
            }
            catch (RequestFailedException e) when (IsLeaseLost(e))
            {
                _lost = true;
                StandaloneLog.MessageLeaseLost(_logger, _queue.Name, _message.MessageId, e.ErrorCode);
                return;
            }
            catch (Exception e)
            {
                // Transient (storage restarting, 5xx): try again soon, backing off, but never later than a quarter lease.
                StandaloneLog.MessageLeaseRenewalFailed(_logger, _queue.Name, _message.MessageId, e);
                wait = retries.NextDelay();
            }
        }
    }
}
