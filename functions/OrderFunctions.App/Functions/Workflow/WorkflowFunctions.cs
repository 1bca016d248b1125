using OrderFunctions.Hosting.Contract;
using OrderFunctions.Workflow.Messaging;
using OrderFunctions.Workflow.Orders.Execution;
using OrderFunctions.Workflow.Polling;
using OrderFunctions.Workflow.Sweeping;

namespace OrderFunctions.App.Functions.Workflow;

// The workflow's four functions (DESIGN D5, D6): each parses its trigger and calls one service. A thrown exception
// fails the invocation, so the queue retries it and, after maxDequeueCount, moves it to <queue>-poison.

/// <summary>Timer: queue one poll per integration whose poll interval has passed (the fan-out).</summary>
internal sealed class QueueIntegrationPollsFunction(PollScheduler scheduler) : ITimerFunction
{
    public Task RunAsync(TimerInvocation invocation, ILogger log, CancellationToken cancellationToken) =>
        scheduler.QueueDuePollsAsync(cancellationToken);
}

/// <summary>Timer: re-drive every order whose next action is overdue.</summary>
internal sealed class SweepOverdueOrdersFunction(OrderSweeper sweeper) : ITimerFunction
{
    public Task RunAsync(TimerInvocation invocation, ILogger log, CancellationToken cancellationToken) =>
        sweeper.SweepAsync(cancellationToken);
}

/// <summary>Queue <c>workflow-polls</c>: poll one integration's marketplace and shop.</summary>
internal sealed class PollIntegrationFunction(IntegrationPoller poller) : IQueueFunction
{
    public Task RunAsync(QueueInvocation invocation, ILogger log, CancellationToken cancellationToken) =>
        poller.PollAsync(WorkflowJson.ParsePoll(invocation.Message), cancellationToken);
}

/// <summary>Queue <c>workflow-steps</c>: one step of one order (a retry, a timer, a re-drive, an operator action).</summary>
internal sealed class RunOrderStepFunction(StepHandler steps) : IQueueFunction
{
    public Task RunAsync(QueueInvocation invocation, ILogger log, CancellationToken cancellationToken) =>
        steps.HandleAsync(invocation.Message, invocation.MessageId, invocation.DequeueCount, cancellationToken);
}
