using OrderFunctions.Workflow.Orders;

namespace OrderFunctions.Workflow.Tests.Orders;

public sealed class OrderDeciderTransitionTableTests
{
    private static readonly IReadOnlyDictionary<(string State, string Event), string> Expected = TransitionTable.Parse();

    public static TheoryData<string, string> Cells()
    {
        var data = new TheoryData<string, string>();
        foreach (var state in TransitionTableCases.States)
        {
            foreach (var @event in TransitionTableCases.Events)
            {
                data.Add(state.Name, @event.Name);
            }
        }

        return data;
    }

    [Fact]
    public void TheTableHasExactlyOneCellForEveryStateAndEvent()
    {
        var all = TransitionTableCases.States.SelectMany(s => TransitionTableCases.Events.Select(e => (s.Name, e.Name))).ToHashSet();

        Assert.Equal(15 * 27, all.Count);
        Assert.Empty(all.Except(Expected.Keys));
        Assert.Empty(Expected.Keys.Except(all));
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void EveryStateAndEventDecidesAsTheTableSays(string stateName, string eventName)
    {
        var stateCase = TransitionTableCases.States.Single(s => s.Name == stateName);
        var eventCase = TransitionTableCases.Events.Single(e => e.Name == eventName);

        var decision = OrderDecider.Decide(stateCase.State, eventCase.Create(stateCase.State), TransitionTableCases.Context(stateCase.Settings));

        Assert.Equal(Expected[(stateName, eventName)], TransitionTableCases.Render(decision));
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void EveryDecisionLeavesAConsistentState(string stateName, string eventName)
    {
        var stateCase = TransitionTableCases.States.Single(s => s.Name == stateName);
        var @event = TransitionTableCases.Events.Single(e => e.Name == eventName).Create(stateCase.State);

        var decision = OrderDecider.Decide(stateCase.State, @event, TransitionTableCases.Context(stateCase.Settings));

        if (decision.IsNoOp)
        {
            Assert.Same(stateCase.State, decision.State);
            Assert.Null(decision.Effect);
            Assert.Empty(decision.Messages);
            return;
        }

        var state = decision.State;
        Assert.Equal(state.Status == OrderStatus.Held, state.HoldReason is not null);
        Assert.Equal(state.Status == OrderStatus.Failed, state.FailureReason is not null);
        Assert.True(state.Status == OrderStatus.AwaitingTracking || state.TrackingDeadline is null, "only an order awaiting tracking has a deadline");
        if (!ReferenceEquals(state, stateCase.State))
        {
            Assert.Equal(TransitionTableCases.Now, state.UpdatedAt);
        }

        if (decision.Effect is not null)
        {
            Assert.Equal(TransitionTableCases.Now, state.NextActionAt);
        }
    }
}
