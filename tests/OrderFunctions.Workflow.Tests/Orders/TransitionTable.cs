namespace OrderFunctions.Workflow.Tests.Orders;

/// <summary>
/// The expected decision for every state × event (docs/workflow.md summarises it). Notation: <c>-</c> is a no-op
/// (nothing written, nothing sent); otherwise the new state, <c>&gt;effect</c> for the remote effect the order owes
/// next, <c>+timer</c> / <c>+error</c> for each message. Default settings unless the state's case says otherwise;
/// the status map is the default Trendyol one with <c>Repack</c> unmapped and <c>UnPacked</c> inactive.
/// </summary>
internal static class TransitionTable
{
    public const string Text = """
        [Received]
        mp:duplicate              Received >create
        mp:stale                  -
        mp:Created                Received >create
        mp:Picking                Received >create
        mp:Shipped                Held:NotIncluded
        mp:Cancelled              Cancelled >cancel-shop
        shop:completed+tracking   Shipping >push
        shop:completed            AwaitingTracking +timer
        shop:cancelled            Cancelled >cancel-mp
        shop:processing           Transferred >ack
        shop:stale                AwaitingTracking +timer
        deadline:own              -
        deadline:other            -
        op:confirm                -
        op:reject                 Rejected >cancel-shop
        op:custom-status          Received >create
        op:resync                 Received >create
        step-failed               Failed +error
        swept                     Received >create
        out:shop-created          Transferred >ack
        out:status-updated        -
        out:shop-cancelled        -
        out:acknowledged          Received >create
        out:mp-cancelled          -
        out:push-done             -
        out:push-pending          -
        out:push-failed           -

        [Held:UnmappedStatus]
        mp:duplicate              -
        mp:stale                  -
        mp:Created                Received >create
        mp:Picking                Received >create
        mp:Shipped                Held:NotIncluded
        mp:Cancelled              Cancelled
        shop:completed+tracking   Held:UnmappedStatus
        shop:completed            Held:UnmappedStatus
        shop:cancelled            Held:UnmappedStatus
        shop:processing           Held:UnmappedStatus
        shop:stale                Held:UnmappedStatus
        deadline:own              -
        deadline:other            -
        op:confirm                -
        op:reject                 Rejected >cancel-mp
        op:custom-status          Held:UnmappedStatus
        op:resync                 -
        step-failed               Failed +error
        swept                     -
        out:shop-created          Held:UnmappedStatus
        out:status-updated        -
        out:shop-cancelled        -
        out:acknowledged          Held:UnmappedStatus
        out:mp-cancelled          -
        out:push-done             -
        out:push-pending          -
        out:push-failed           -

        [Held:MappingInactive]
        mp:duplicate              -
        mp:stale                  -
        mp:Created                Received >create
        mp:Picking                Received >create
        mp:Shipped                Held:NotIncluded
        mp:Cancelled              Cancelled
        shop:completed+tracking   Held:MappingInactive
        shop:completed            Held:MappingInactive
        shop:cancelled            Held:MappingInactive
        shop:processing           Held:MappingInactive
        shop:stale                Held:MappingInactive
        deadline:own              -
        deadline:other            -
        op:confirm                -
        op:reject                 Rejected >cancel-mp
        op:custom-status          Held:MappingInactive
        op:resync                 -
        step-failed               Failed +error
        swept                     -
        out:shop-created          Held:MappingInactive
        out:status-updated        -
        out:shop-cancelled        -
        out:acknowledged          Held:MappingInactive
        out:mp-cancelled          -
        out:push-done             -
        out:push-pending          -
        out:push-failed           -

        [Held:AwaitingPayment]
        mp:duplicate              -
        mp:stale                  -
        mp:Created                Received >create
        mp:Picking                Received >create
        mp:Shipped                Held:NotIncluded
        mp:Cancelled              Cancelled
        shop:completed+tracking   Held:AwaitingPayment
        shop:completed            Held:AwaitingPayment
        shop:cancelled            Held:AwaitingPayment
        shop:processing           Held:AwaitingPayment
        shop:stale                Held:AwaitingPayment
        deadline:own              -
        deadline:other            -
        op:confirm                -
        op:reject                 Rejected >cancel-mp
        op:custom-status          Held:AwaitingPayment
        op:resync                 -
        step-failed               Failed +error
        swept                     -
        out:shop-created          Held:AwaitingPayment
        out:status-updated        -
        out:shop-cancelled        -
        out:acknowledged          Held:AwaitingPayment
        out:mp-cancelled          -
        out:push-done             -
        out:push-pending          -
        out:push-failed           -

        [Held:NotAutoTransferred]
        mp:duplicate              -
        mp:stale                  -
        mp:Created                -
        mp:Picking                Held:NotAutoTransferred
        mp:Shipped                Held:NotIncluded
        mp:Cancelled              Cancelled
        shop:completed+tracking   Held:NotAutoTransferred
        shop:completed            Held:NotAutoTransferred
        shop:cancelled            Held:NotAutoTransferred
        shop:processing           Held:NotAutoTransferred
        shop:stale                Held:NotAutoTransferred
        deadline:own              -
        deadline:other            -
        op:confirm                Received >create
        op:reject                 Rejected >cancel-mp
        op:custom-status          Held:NotAutoTransferred
        op:resync                 -
        step-failed               Failed +error
        swept                     -
        out:shop-created          Held:NotAutoTransferred
        out:status-updated        -
        out:shop-cancelled        -
        out:acknowledged          Held:NotAutoTransferred
        out:mp-cancelled          -
        out:push-done             -
        out:push-pending          -
        out:push-failed           -

        [Held:NotIncluded]
        mp:duplicate              -
        mp:stale                  -
        mp:Created                Received >create
        mp:Picking                Received >create
        mp:Shipped                -
        mp:Cancelled              -
        shop:completed+tracking   Held:NotIncluded
        shop:completed            Held:NotIncluded
        shop:cancelled            Held:NotIncluded
        shop:processing           Held:NotIncluded
        shop:stale                Held:NotIncluded
        deadline:own              -
        deadline:other            -
        op:confirm                -
        op:reject                 Rejected
        op:custom-status          Held:NotIncluded
        op:resync                 -
        step-failed               Failed +error
        swept                     -
        out:shop-created          Held:NotIncluded
        out:status-updated        -
        out:shop-cancelled        -
        out:acknowledged          Held:NotIncluded
        out:mp-cancelled          -
        out:push-done             -
        out:push-pending          -
        out:push-failed           -

        [Transferred]
        mp:duplicate              -
        mp:stale                  -
        mp:Created                -
        mp:Picking                -
        mp:Shipped                Closed >status
        mp:Cancelled              Cancelled >cancel-shop
        shop:completed+tracking   Shipping >push
        shop:completed            AwaitingTracking +timer
        shop:cancelled            Cancelled >cancel-mp
        shop:processing           -
        shop:stale                -
        deadline:own              -
        deadline:other            -
        op:confirm                -
        op:reject                 Rejected >cancel-shop
        op:custom-status          Transferred >status
        op:resync                 -
        step-failed               Failed +error
        swept                     -
        out:shop-created          -
        out:status-updated        -
        out:shop-cancelled        -
        out:acknowledged          -
        out:mp-cancelled          -
        out:push-done             -
        out:push-pending          -
        out:push-failed           -

        [AwaitingTracking]
        mp:duplicate              -
        mp:stale                  -
        mp:Created                -
        mp:Picking                -
        mp:Shipped                Closed
        mp:Cancelled              Cancelled >cancel-shop
        shop:completed+tracking   Shipping >push
        shop:completed            -
        shop:cancelled            Cancelled >cancel-mp
        shop:processing           Transferred
        shop:stale                -
        deadline:own              AwaitingTracking +timer
        deadline:other            -
        op:confirm                -
        op:reject                 -
        op:custom-status          AwaitingTracking >status
        op:resync                 -
        step-failed               Failed +error
        swept                     -
        out:shop-created          -
        out:status-updated        Transferred
        out:shop-cancelled        -
        out:acknowledged          -
        out:mp-cancelled          -
        out:push-done             -
        out:push-pending          -
        out:push-failed           -

        [AwaitingTracking(deadline passed)]
        mp:duplicate              Shipping >push
        mp:stale                  -
        mp:Created                Shipping >push
        mp:Picking                Shipping >push
        mp:Shipped                Closed
        mp:Cancelled              Cancelled >cancel-shop
        shop:completed+tracking   Shipping >push
        shop:completed            Shipping >push
        shop:cancelled            Cancelled >cancel-mp
        shop:processing           Transferred
        shop:stale                -
        deadline:own              Shipping >push
        deadline:other            -
        op:confirm                -
        op:reject                 -
        op:custom-status          AwaitingTracking >status
        op:resync                 Shipping >push
        step-failed               Failed +error
        swept                     Shipping >push
        out:shop-created          -
        out:status-updated        Transferred
        out:shop-cancelled        -
        out:acknowledged          -
        out:mp-cancelled          -
        out:push-done             -
        out:push-pending          -
        out:push-failed           -

        [Shipping]
        mp:duplicate              Shipping >push
        mp:stale                  -
        mp:Created                Shipping >push
        mp:Picking                Shipping >push
        mp:Shipped                Closed
        mp:Cancelled              Cancelled >cancel-shop
        shop:completed+tracking   Shipping >push
        shop:completed            Shipping >push
        shop:cancelled            Cancelled >cancel-mp
        shop:processing           Transferred
        shop:stale                -
        deadline:own              -
        deadline:other            -
        op:confirm                -
        op:reject                 -
        op:custom-status          Shipping >status
        op:resync                 Shipping >push
        step-failed               Failed +error
        swept                     Shipping >push
        out:shop-created          -
        out:status-updated        Transferred
        out:shop-cancelled        -
        out:acknowledged          -
        out:mp-cancelled          -
        out:push-done             Closed
        out:push-pending          Shipping
        out:push-failed           Failed +error

        [Shipping(confirming)]
        mp:duplicate              -
        mp:stale                  -
        mp:Created                -
        mp:Picking                -
        mp:Shipped                Closed
        mp:Cancelled              Cancelled >cancel-shop
        shop:completed+tracking   -
        shop:completed            -
        shop:cancelled            Shipping
        shop:processing           Shipping
        shop:stale                -
        deadline:own              -
        deadline:other            -
        op:confirm                -
        op:reject                 -
        op:custom-status          Shipping >status
        op:resync                 -
        step-failed               Failed +error
        swept                     -
        out:shop-created          -
        out:status-updated        Shipping
        out:shop-cancelled        -
        out:acknowledged          -
        out:mp-cancelled          -
        out:push-done             Closed
        out:push-pending          Shipping
        out:push-failed           Failed +error

        [Closed]
        mp:duplicate              -
        mp:stale                  -
        mp:Created                -
        mp:Picking                -
        mp:Shipped                -
        mp:Cancelled              Closed
        shop:completed+tracking   -
        shop:completed            -
        shop:cancelled            Closed
        shop:processing           Closed
        shop:stale                -
        deadline:own              -
        deadline:other            -
        op:confirm                -
        op:reject                 -
        op:custom-status          Closed >status
        op:resync                 -
        step-failed               Failed +error
        swept                     -
        out:shop-created          -
        out:status-updated        Closed
        out:shop-cancelled        -
        out:acknowledged          -
        out:mp-cancelled          -
        out:push-done             -
        out:push-pending          -
        out:push-failed           -

        [Cancelled]
        mp:duplicate              -
        mp:stale                  -
        mp:Created                -
        mp:Picking                -
        mp:Shipped                -
        mp:Cancelled              -
        shop:completed+tracking   Cancelled
        shop:completed            Cancelled
        shop:cancelled            -
        shop:processing           Cancelled
        shop:stale                -
        deadline:own              -
        deadline:other            -
        op:confirm                -
        op:reject                 -
        op:custom-status          Cancelled >status
        op:resync                 -
        step-failed               Failed +error
        swept                     -
        out:shop-created          -
        out:status-updated        Cancelled
        out:shop-cancelled        -
        out:acknowledged          -
        out:mp-cancelled          -
        out:push-done             -
        out:push-pending          -
        out:push-failed           -

        [Rejected]
        mp:duplicate              -
        mp:stale                  -
        mp:Created                -
        mp:Picking                -
        mp:Shipped                -
        mp:Cancelled              -
        shop:completed+tracking   Rejected
        shop:completed            Rejected
        shop:cancelled            -
        shop:processing           Rejected
        shop:stale                -
        deadline:own              -
        deadline:other            -
        op:confirm                -
        op:reject                 -
        op:custom-status          Rejected >status
        op:resync                 -
        step-failed               Failed +error
        swept                     -
        out:shop-created          -
        out:status-updated        Rejected
        out:shop-cancelled        -
        out:acknowledged          -
        out:mp-cancelled          -
        out:push-done             -
        out:push-pending          -
        out:push-failed           -

        [Failed]
        mp:duplicate              -
        mp:stale                  -
        mp:Created                -
        mp:Picking                -
        mp:Shipped                -
        mp:Cancelled              Cancelled >cancel-shop
        shop:completed+tracking   -
        shop:completed            -
        shop:cancelled            -
        shop:processing           -
        shop:stale                -
        deadline:own              -
        deadline:other            -
        op:confirm                -
        op:reject                 Rejected >cancel-shop
        op:custom-status          Failed >status
        op:resync                 Transferred
        step-failed               -
        swept                     -
        out:shop-created          -
        out:status-updated        -
        out:shop-cancelled        -
        out:acknowledged          -
        out:mp-cancelled          -
        out:push-done             -
        out:push-pending          -
        out:push-failed           -
        """;

    /// <summary>(state, event) → expected, parsed from <see cref="Text"/>.</summary>
    public static IReadOnlyDictionary<(string State, string Event), string> Parse()
    {
        var cells = new Dictionary<(string, string), string>();
        string? state = null;
        foreach (var raw in Text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                state = line[1..^1];
                continue;
            }

            var split = line.IndexOf(' ', StringComparison.Ordinal);
            var cell = (state ?? throw new FormatException($"Line '{line}' comes before any [state]."), line[..split]);
            if (!cells.TryAdd(cell, line[split..].Trim()))
            {
                throw new FormatException($"Cell {cell} appears twice.");
            }
        }

        return cells;
    }
}
