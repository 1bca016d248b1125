using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderFunctions.Workflow.Hosting;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Messaging;
using OrderFunctions.Workflow.Notifications;
using OrderFunctions.Workflow.Orders.Storage;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Workflow.Orders.Execution;

/// <summary>
/// Runs one event against one order (DESIGN D5): load (ETag) → decide → perform the owed effects through the ports,
/// feeding each outcome back into the decider → send the decision's messages → commit the state and its history rows
/// in one conditional write. A conflicting writer means: read again, decide again.
/// <para>
/// Remote effects are performed only under the order's lease, taken by a conditional write before the first effect
/// (or by the insert of a new order, for free); any other executor that finds the lease held re-queues its event for
/// when the lease ends instead of acting. So two executors never call the shop or the marketplace for the same order
/// at the same time, and one that crashed mid-way is replaced once its lease runs out.
/// </para>
/// <para>
/// Messages (timers, notifications) are sent before the commit that records them, keyed so a repeat is harmless; a
/// crash after the effects but before the commit repeats the effects, which are idempotent.
/// </para>
/// </summary>
public sealed partial class OrderExecutor(
    IOrderStore store,
    IntegrationStore integrations,
    IConnectorFactory connectors,
    ICarrierCodeResolver carriers,
    IWorkflowQueues queues,
    TimeProvider time,
    IOptions<WorkflowOptions> options,
    ILogger<OrderExecutor> logger)
{
    private const int MaxConflictRetries = 5;
    private const int MaxEffectsPerRun = 12;

    private readonly IOrderStore _store = store;
    private readonly IntegrationStore _integrations = integrations;
    private readonly IConnectorFactory _connectors = connectors;
    private readonly ICarrierCodeResolver _carriers = carriers;
    private readonly IWorkflowQueues _queues = queues;
    private readonly TimeProvider _time = time;
    private readonly WorkflowOptions _options = options.Value;
    private readonly ILogger _logger = logger;

    /// <summary>A fresh lease owner id for one execution (or one poll's insert and its execution).</summary>
    public static string NewLeaseOwner() => Guid.NewGuid().ToString("N");

    /// <param name="loaded">The order as the caller just read or inserted it, to save a read.</param>
    /// <param name="leaseOwner">The owner id of a lease the caller already holds (a poll's insert), or of a previous
    /// attempt in the same invocation.</param>
    public async Task<ExecutionResult> ExecuteAsync(
        OrderKey key,
        OrderEvent @event,
        ExecutionAttempt attempt,
        CancellationToken cancellationToken,
        StoredOrder? loaded = null,
        string? leaseOwner = null)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var owner = leaseOwner ?? NewLeaseOwner();
        for (var tries = 1; ; tries++)
        {
            var stored = loaded ?? await _store.GetAsync(key, cancellationToken).ConfigureAwait(false);
            loaded = null;
            if (stored is null)
            {
                LogUnknownOrder(_logger, key, @event.Name);
                return new ExecutionResult(ExecutionOutcome.Unknown, null, "no such order");
            }

            var integration = await _integrations.GetCachedAsync(key.IntegrationId, cancellationToken).ConfigureAwait(false);
            if (integration is null)
            {
                LogUnknownIntegration(_logger, key, key.IntegrationId);
                return new ExecutionResult(ExecutionOutcome.Unknown, stored.State, "the order's integration does not exist");
            }

            var now = _time.GetUtcNow();
            if (stored.Lease is { } lease && lease.BlocksOthersThan(owner, now))
            {
                await _queues.SendStepAsync(StepMessages.For(key, @event), lease.Until - now + TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
                LogDeferred(_logger, key, @event.Name, lease.Until);
                return new ExecutionResult(ExecutionOutcome.Deferred, stored.State, "another executor holds the order");
            }

            try
            {
                return await new Run(this, stored, integration, owner, attempt, @event).ExecuteAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OrderConcurrencyException) when (tries < MaxConflictRetries)
            {
                LogConflict(_logger, key, @event.Name, tries);
            }
        }
    }

    /// <summary>An inline run (a poll, an operator action) that must not fail its caller: any failure it cannot settle
    /// itself is logged and handed to the step queue.</summary>
    public async Task<ExecutionResult> ExecuteInlineAsync(OrderKey key, OrderEvent @event, CancellationToken cancellationToken, StoredOrder? loaded = null, string? leaseOwner = null)
    {
        try
        {
            return await ExecuteAsync(key, @event, ExecutionAttempt.InlineRun, cancellationToken, loaded, leaseOwner).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogInlineFailed(_logger, e, key, @event.Name);
            await _queues.SendStepAsync(StepMessages.For(key, @event), _options.RetryDelay, cancellationToken).ConfigureAwait(false);
            return new ExecutionResult(ExecutionOutcome.RetryScheduled, null, "failed inline; handed to the step queue");
        }
    }

    /// <summary>One attempt at one event: everything it decided, did and has yet to write.</summary>
    private sealed class Run(OrderExecutor executor, StoredOrder stored, IntegrationRecord integration, string owner, ExecutionAttempt attempt, OrderEvent @event)
    {
        private readonly EffectPerformer _performer = new(executor._connectors, executor._carriers, integration);
        private readonly List<OrderHistoryEntry> _history = [];
        private readonly List<(OrderMessage Message, OrderState State, long Sequence)> _messages = [];
        private readonly OrderState _before = stored.State;
        private StoredOrder _current = stored;
        private bool _holdsLease;

        private WorkflowOptions Options => executor._options;

        private DateTimeOffset Now => executor._time.GetUtcNow();

        public async Task<ExecutionResult> ExecuteAsync(CancellationToken cancellationToken)
        {
            var decision = Decide(_current.State, @event);
            if (decision.IsNoOp)
            {
                LogNoOp(executor._logger, _current.State.Key, @event.Name, decision.Note);
                return new ExecutionResult(ExecutionOutcome.NoOp, _current.State, decision.Note);
            }

            _holdsLease = _current.Lease is { } lease && lease.Owner == owner && lease.Until > Now;
            Record(_current.State, decision, @event.Name);
            for (var effects = 1; decision.Effect is { } effect; effects++)
            {
                if (effects > MaxEffectsPerRun)
                {
                    throw new InvalidOperationException($"Order {_current.State.Key} asked for more than {MaxEffectsPerRun} effects in one run.");
                }

                if (effect.ChangesRemoteState && (!_holdsLease || LeaseRunningOut()))
                {
                    await TakeLeaseAsync(decision.State, cancellationToken).ConfigureAwait(false);
                }

                OrderEvent outcome;
                try
                {
                    outcome = effect.ChangesRemoteState
                        ? await PerformUnderLeaseAsync(effect, decision.State, cancellationToken).ConfigureAwait(false)
                        : await _performer.PerformAsync(effect, decision.State, cancellationToken).ConfigureAwait(false);
                }
                catch (ConnectorException e) when (!e.IsTransient)
                {
                    return await FailAsync(decision.State, effect, e, cancellationToken).ConfigureAwait(false);
                }
                catch (ConnectorException e)
                {
                    return await SaveProgressAndRetryAsync(decision.State, effect, e, cancellationToken).ConfigureAwait(false);
                }

                var next = Decide(decision.State, outcome);
                if (next.IsNoOp)
                {
                    // The rules owed this effect, yet its outcome changed nothing: stop instead of owing it forever.
                    LogEffectChangedNothing(executor._logger, _current.State.Key, effect.Name, next.Note);
                    decision = decision with { State = decision.State with { NextActionAt = null }, Effect = null };
                    _history.Add(Entry(outcome.Name, decision.State, decision.State, $"{effect.Name} changed nothing: {next.Note}", effect: null));
                    break;
                }

                Record(decision.State, next, outcome.Name);
                decision = next;
            }

            await CommitAsync(decision.State, lease: null, cancellationToken).ConfigureAwait(false);
            LogApplied(executor._logger, _current.State.Key, @event.Name, _before.Describe(), decision.State.Describe());
            return new ExecutionResult(decision.State.Status == OrderStatus.Failed ? ExecutionOutcome.Failed : ExecutionOutcome.Applied, decision.State, decision.Note);
        }

        private OrderDecision Decide(OrderState state, OrderEvent e) =>
            OrderDecider.Decide(state, e, new DecisionContext(integration.Integration.Settings, integration.StatusMap, integration.Marketplace, Now)
            {
                ShipmentProgressInterval = Options.ShipmentProgressInterval,
            });

        private void Record(OrderState from, OrderDecision decision, string eventName)
        {
            _history.Add(Entry(eventName, from, decision.State, decision.Note, decision.Effect?.Name));
            var sequence = _current.HistorySequence + _history.Count;
            _messages.AddRange(decision.Messages.Select(m => (m, decision.State, sequence)));
        }

        private OrderHistoryEntry Entry(string eventName, OrderState from, OrderState to, string note, string? effect) =>
            new(Now, eventName, from.Describe(), to.Describe(), note, effect);

        /// <summary>Commits the decisions so far together with this executor's lease: from here on it alone calls out for
        /// the order. Also renews a lease that a long chain of calls has half used up.</summary>
        private async Task TakeLeaseAsync(OrderState state, CancellationToken cancellationToken)
        {
            if (_holdsLease)
            {
                _history.Add(Entry(@event.Name, state, state, "renewed the lease", effect: null));
            }

            await CommitAsync(state, new OrderLease(owner, Now + Options.LeaseDuration), cancellationToken).ConfigureAwait(false);
            _holdsLease = true;
        }

        /// <summary>Performs a remote-changing effect while keeping the order's lease: a call slower than half the lease
        /// renews it (a conditional write), so no other executor can take the order and perform the same effect alongside
        /// this one. If the lease cannot be renewed before it ends, the call is cancelled rather than left running
        /// unprotected, and the attempt fails (its event is retried, and the effect, idempotent, is performed again).
        /// The commit after the effect is fenced by the ETag as every write is: had anyone else written meanwhile, it
        /// fails and the event is decided again.</summary>
        private async Task<OrderEvent> PerformUnderLeaseAsync(OrderEffect effect, OrderState state, CancellationToken cancellationToken)
        {
            using var callCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var call = _performer.PerformAsync(effect, state, callCancellation.Token);
            try
            {
                return await KeepLeaseWhileAsync(call, callCancellation, effect, state, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // Never leave a call running unprotected behind a failure of this executor.
                if (!call.IsCompleted)
                {
                    await callCancellation.CancelAsync().ConfigureAwait(false);
                }
            }
        }

        private async Task<OrderEvent> KeepLeaseWhileAsync(Task<OrderEvent> call, CancellationTokenSource callCancellation, OrderEffect effect, OrderState state, CancellationToken cancellationToken)
        {
            while (!call.IsCompleted)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var lease = _current.Lease ?? throw new InvalidOperationException($"Order {state.Key}: {effect.Name} performed without a lease.");
                var renewIn = lease.Until - (Options.LeaseDuration / 2) - Now;
                if (renewIn > TimeSpan.Zero)
                {
                    using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    var timer = Task.Delay(renewIn, executor._time, wait.Token);
                    await Task.WhenAny(call, timer).ConfigureAwait(false);
                    await wait.CancelAsync().ConfigureAwait(false);
                    continue;
                }

                try
                {
                    await TakeLeaseAsync(state, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is OrderConcurrencyException or RequestFailedException && !call.IsCompleted)
                {
                    // Someone else wrote the order (the lease had lapsed), or storage is failing: retry the renewal while
                    // the lease lasts; once it is gone, stop the call before another executor may start its own.
                    if (e is RequestFailedException && Now < lease.Until - RenewalRetryDelay)
                    {
                        LogLeaseRenewalFailed(executor._logger, state.Key, effect.Name, e.Message);
                        await Task.Delay(RenewalRetryDelay, executor._time, cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    await callCancellation.CancelAsync().ConfigureAwait(false);
                    try
                    {
                        return await call.ConfigureAwait(false);
                    }
                    catch (OperationCanceledException cancelled) when (!cancellationToken.IsCancellationRequested)
                    {
                        throw new OrderLeaseLostException(state.Key, effect.Name, cancelled);
                    }
                }
            }

            return await call.ConfigureAwait(false);
        }

        private TimeSpan RenewalRetryDelay => Options.LeaseDuration / 10;

        private bool LeaseRunningOut() => _current.Lease is not { } lease || lease.Until - Now < Options.LeaseDuration / 2;

        private async Task CommitAsync(OrderState state, OrderLease? lease, CancellationToken cancellationToken)
        {
            await SendMessagesAsync(cancellationToken).ConfigureAwait(false);
            if (_history.Count == 0)
            {
                // Every write appends a history row (it is part of the concurrency check): say what this one is.
                _history.Add(Entry(@event.Name, state, state, "released the order", effect: null));
            }

            _current = await executor._store.CommitAsync(_current, state, [.. _history], lease, cancellationToken).ConfigureAwait(false);
            _history.Clear();
        }

        private async Task SendMessagesAsync(CancellationToken cancellationToken)
        {
            foreach (var (message, state, sequence) in _messages)
            {
                switch (message)
                {
                    case ScheduleEvent timer:
                        var delay = timer.DueAt - Now;
                        await executor._queues.SendStepAsync(StepMessages.For(state.Key, timer.Event, timer.DueAt), delay, cancellationToken).ConfigureAwait(false);
                        break;
                    case NotifyOrderError error:
                        await executor._queues.SendNotificationAsync(NotificationOutbox.OrderError(integration.Integration, state, error, sequence, Now), cancellationToken).ConfigureAwait(false);
                        break;
                }
            }

            _messages.Clear();
        }

        /// <summary>A permanent error (bad data): the order fails at once with the reason; retrying cannot help.</summary>
        private async Task<ExecutionResult> FailAsync(OrderState state, OrderEffect effect, ConnectorException error, CancellationToken cancellationToken)
        {
            var reason = $"{effect.Name}: {Describe(error)}";
            var failed = Decide(state, new StepFailed(reason, attempt.Number, Permanent: true));
            if (!failed.IsNoOp)
            {
                Record(state, failed, "step-failed");
                state = failed.State;
            }

            await CommitAsync(state, lease: null, cancellationToken).ConfigureAwait(false);
            LogFailedPermanently(executor._logger, state.Key, effect.Name, error.Platform, error.Message);
            return new ExecutionResult(ExecutionOutcome.Failed, state, reason);
        }

        /// <summary>A transient error: keep what was done (and release the lease), then let the retry policy take over.</summary>
        private async Task<ExecutionResult> SaveProgressAndRetryAsync(OrderState state, OrderEffect effect, ConnectorException error, CancellationToken cancellationToken)
        {
            var reason = $"{effect.Name} failed (attempt {attempt.Number}): {Describe(error)}";
            _history.Add(Entry("attempt-failed", state, state, reason, effect.Name));
            await CommitAsync(state, lease: null, cancellationToken).ConfigureAwait(false);
            LogAttemptFailed(executor._logger, state.Key, effect.Name, attempt.Number, error.Platform, error.Message);
            // A queued step's failure counts as an attempt (the queue redelivers it, and the last one fails the order);
            // a throttled call does not: it comes back as a new step, spread over a retry delay so a burst that met a
            // full rate window does not meet it again all at once.
            if (!attempt.Inline && !error.IsThrottled)
            {
                throw new StepRetryException(reason, error);
            }

            var delay = error.RetryAfter is { } retryAfter && retryAfter > Options.RetryDelay ? retryAfter : Options.RetryDelay;
            if (error.IsThrottled)
            {
                delay += Options.RetryDelay * Random.Shared.NextDouble();
            }

            await executor._queues.SendStepAsync(StepMessages.For(state.Key, @event), delay, cancellationToken).ConfigureAwait(false);
            return new ExecutionResult(ExecutionOutcome.RetryScheduled, state, reason);
        }
    }

    /// <summary>A failure in words for history, notifications and the API: connector errors are written without
    /// secrets by construction; anything else is named by type and message.</summary>
    public static string Describe(Exception error) => error switch
    {
        ConnectorException c => c.HttpStatus is { } status ? $"{c.Platform} answered {status}: {c.Message}" : $"{c.Platform}: {c.Message}",
        StepRetryException { InnerException: { } inner } => Describe(inner),
        _ => $"{error.GetType().Name}: {error.Message}",
    };

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Order {OrderKey}: {Event} changed nothing ({Note})")]
    private static partial void LogNoOp(ILogger logger, OrderKey orderKey, string @event, string note);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Order {OrderKey}: {Event} moved it from {From} to {To}")]
    private static partial void LogApplied(ILogger logger, OrderKey orderKey, string @event, string from, string to);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Order {OrderKey}: {Event} deferred, another executor holds the order until {LeaseUntil}")]
    private static partial void LogDeferred(ILogger logger, OrderKey orderKey, string @event, DateTimeOffset leaseUntil);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Order {OrderKey}: {Event} met a concurrent write (try {Try}); deciding again")]
    private static partial void LogConflict(ILogger logger, OrderKey orderKey, string @event, int @try);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Order {OrderKey}: {Effect} failed on attempt {Attempt} ({Platform}: {Error}); will retry")]
    private static partial void LogAttemptFailed(ILogger logger, OrderKey orderKey, string effect, int attempt, string platform, string error);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Error, Message = "Order {OrderKey}: {Effect} failed permanently ({Platform}: {Error}); the order is Failed")]
    private static partial void LogFailedPermanently(ILogger logger, OrderKey orderKey, string effect, string platform, string error);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "Order {OrderKey}: {Event} for an order that does not exist")]
    private static partial void LogUnknownOrder(ILogger logger, OrderKey orderKey, string @event);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning, Message = "Order {OrderKey}: integration {IntegrationId} does not exist")]
    private static partial void LogUnknownIntegration(ILogger logger, OrderKey orderKey, string integrationId);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Error, Message = "Order {OrderKey}: {Event} failed inline; handed to the step queue")]
    private static partial void LogInlineFailed(ILogger logger, Exception exception, OrderKey orderKey, string @event);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Warning, Message = "Order {OrderKey}: the outcome of {Effect} changed nothing ({Note})")]
    private static partial void LogEffectChangedNothing(ILogger logger, OrderKey orderKey, string effect, string note);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "Order {OrderKey}: could not renew the lease during {Effect} ({Error}); trying again while it lasts")]
    private static partial void LogLeaseRenewalFailed(ILogger logger, OrderKey orderKey, string effect, string error);
}
