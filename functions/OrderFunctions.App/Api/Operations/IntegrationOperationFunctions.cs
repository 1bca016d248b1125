using OrderFunctions.App.Api.Integrations;
using OrderFunctions.App.Api.Problems;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Operations;

namespace OrderFunctions.App.Api.Operations;

// Operations on a whole integration (issue 5 §2): sync now (optionally back-filling), follow the sync, retry every
// failed order.

/// <summary><c>POST /api/integrations/{integrationId}/syncs</c>: queues a poll; 202 with the run's Location, whose GET
/// shows its progress until it is done.</summary>
internal sealed class StartSyncFunction(IntegrationOperations operations) : ApiFunction
{
    protected override async Task<IResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var id = request.Route(ApiRoutes.IntegrationId);
        var input = await request.ReadOptionalJsonAsync<SyncInput>(cancellationToken);
        Workflow.Polling.PollRun run;
        try
        {
            run = await operations.RepollAsync(id, input?.Since, cancellationToken);
        }
        catch (ArgumentOutOfRangeException e) when (e.ParamName == "since")
        {
            throw ApiProblemException.Invalid("since", $"In the past, at most {IntegrationOperations.MaxBackfill.TotalDays} days ago.");
        }

        return Json(request, SyncRunView.From(run), StatusCodes.Status202Accepted, location: ApiRoutes.Path(ApiRoutes.Sync, id, run.RunId));
    }
}

/// <summary><c>GET /api/integrations/{integrationId}/syncs/{runId}</c>: the sync's state and counts so far.</summary>
internal sealed class GetSyncFunction(IntegrationOperations operations) : ApiFunction
{
    protected override async Task<IResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var id = request.Route(ApiRoutes.IntegrationId);
        var runId = request.Route(ApiRoutes.RunId);
        var run = await operations.GetPollRunAsync(id, runId, cancellationToken)
            ?? throw ApiProblemException.NotFound($"Integration '{id}' has no sync '{runId}'.");
        return Json(request, SyncRunView.From(run));
    }
}

/// <summary><c>POST /api/integrations/{integrationId}/orders/retry-failed</c>: queues a re-sync of every Failed order.</summary>
internal sealed class RetryFailedOrdersFunction(IntegrationStore integrations, OrderOperations operations) : ApiFunction
{
    protected override async Task<IResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var integration = await integrations.ReadAsync(request, cancellationToken);
        var queued = await operations.RetryFailedAsync(integration.Integration.Id, cancellationToken);
        return Json(request, new RetryFailedResult(integration.Integration.Id, queued), StatusCodes.Status202Accepted);
    }
}
