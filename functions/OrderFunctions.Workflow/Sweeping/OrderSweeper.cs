using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderFunctions.Workflow.Hosting;
using OrderFunctions.Workflow.Messaging;
using OrderFunctions.Workflow.Orders.Storage;

namespace OrderFunctions.Workflow.Sweeping;

/// <summary>
/// The sweeper timer's work (DESIGN D5): every order whose <c>NextActionAt</c> is overdue by more than
/// <see cref="WorkflowOptions.SweepGrace"/> — a timer message lost, a step poisoned, an executor killed mid-way —
/// gets a <c>drive</c> step, which does whatever the order is owed now (or nothing, if it has moved on).
/// </summary>
public sealed partial class OrderSweeper(IOrderStore orders, IWorkflowQueues queues, TimeProvider time, IOptions<WorkflowOptions> options, ILogger<OrderSweeper> logger)
{
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var dueBy = time.GetUtcNow() - options.Value.SweepGrace;
        var driven = 0;
        await foreach (var key in orders.QueryOverdueAsync(dueBy, cancellationToken).ConfigureAwait(false))
        {
            await queues.SendStepAsync(new StepMessage { Order = key.Value, Step = StepKinds.Drive }, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            driven++;
        }

        if (driven > 0)
        {
            LogSwept(logger, driven);
        }

        return driven;
    }

    [LoggerMessage(EventId = 3401, Level = LogLevel.Information, Message = "Sweeper re-drove {Count} overdue orders")]
    private static partial void LogSwept(ILogger logger, int count);
}
