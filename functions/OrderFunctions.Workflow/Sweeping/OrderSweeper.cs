using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderFunctions.Workflow.Hosting;
using OrderFunctions.Workflow.Messaging;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Orders.Execution;
using OrderFunctions.Workflow.Orders.Storage;

namespace OrderFunctions.Workflow.Sweeping;

/// <summary>
/// The sweeper timer's work (DESIGN D5): every order whose <c>NextActionAt</c> is overdue by more than
/// <see cref="WorkflowOptions.SweepGrace"/> — a timer message lost, a step poisoned, an executor killed mid-way, or a
/// pending shipment due for its progress check (bol.com, whose list never shows a shipped order) — is driven: it does
/// whatever it is owed now, or nothing if it has moved on.
/// <para>
/// The sweep decides each order inline, as a poll does, with the row its query already read (at most
/// <see cref="InlineLimit"/> per sweep, <see cref="WorkflowOptions.PollParallelism"/> at a time): a swept order costs
/// its commit, not a step message sent, received and deleted plus a read. What the inline run cannot finish (a
/// transient failure, another executor holding the order) is handed to the step queue by the executor, and orders
/// beyond the limit get a <c>drive</c> step, so a sweep after an outage stays short and the queue spreads the work.
/// A sweep that dies half-way leaves the rest overdue for the next one.
/// </para>
/// </summary>
public sealed partial class OrderSweeper(
    IOrderStore orders,
    OrderExecutor executor,
    IWorkflowQueues queues,
    TimeProvider time,
    IOptions<WorkflowOptions> options,
    ILogger<OrderSweeper> logger)
{
    /// <summary>Orders one sweep drives itself; the rest go to the step queue.</summary>
    internal const int InlineLimit = 200;

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var dueBy = time.GetUtcNow() - options.Value.SweepGrace;
        var inline = new List<StoredOrder>();
        var queued = 0;
        await foreach (var stored in orders.QueryOverdueAsync(dueBy, cancellationToken).ConfigureAwait(false))
        {
            if (inline.Count < InlineLimit)
            {
                inline.Add(stored);
                continue;
            }

            await queues.SendStepAsync(new StepMessage { Order = stored.State.Key.Value, Step = StepKinds.Drive }, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            queued++;
        }

        await Parallel.ForEachAsync(
            inline,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.PollParallelism, CancellationToken = cancellationToken },
            async (stored, ct) => await executor.ExecuteInlineAsync(stored.State.Key, new OverdueOrderSwept(), ct, stored).ConfigureAwait(false)).ConfigureAwait(false);

        var driven = inline.Count + queued;
        if (driven > 0)
        {
            LogSwept(logger, driven, inline.Count, queued);
        }

        return driven;
    }

    [LoggerMessage(EventId = 3401, Level = LogLevel.Information, Message = "Sweeper re-drove {Count} overdue orders ({Inline} inline, {Queued} as steps)")]
    private static partial void LogSwept(ILogger logger, int count, int inline, int queued);
}
