using OrderFunctions.App.Api.Problems;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Marketplaces;

namespace OrderFunctions.App.Api.Integrations;

// Administration of integrations, their settings and status maps (issue 5 §1). Every read answers the integration's
// ETag; every edit needs it back in If-Match and answers 412 when someone else changed the integration in between.

/// <summary><c>GET /api/integrations</c></summary>
internal sealed class ListIntegrationsFunction(IntegrationStore integrations) : ApiFunction
{
    protected override async Task<IResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var records = await integrations.ListAsync(cancellationToken);
        return Json(request, new IntegrationList([.. records.OrderBy(r => r.Integration.Id, StringComparer.Ordinal).Select(IntegrationSummary.From)]));
    }
}

/// <summary><c>POST /api/integrations</c>: 201 with the integration, its Location and ETag; 409 when the id exists.</summary>
internal sealed class CreateIntegrationFunction(IntegrationStore integrations) : ApiFunction
{
    protected override async Task<IResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var input = await request.ReadJsonAsync<IntegrationInput>(cancellationToken);
        var record = await integrations.CreateAsync(input.ToIntegration(), input.StatusMap?.ToStatusMap(), cancellationToken);
        return Json(request, record.Integration, StatusCodes.Status201Created, record.ETag, ApiRoutes.Path(ApiRoutes.Integration, record.Integration.Id));
    }
}

/// <summary><c>GET /api/integrations/{integrationId}</c></summary>
internal sealed class GetIntegrationFunction(IntegrationStore integrations) : ApiFunction
{
    protected override async Task<IResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var record = await integrations.ReadAsync(request, cancellationToken);
        return Json(request, record.Integration, etag: record.ETag);
    }
}

/// <summary><c>PUT /api/integrations/{integrationId}</c>: replaces name, accounts and settings (If-Match). The
/// marketplace kind cannot change; the id in the body, if any, must be the route's.</summary>
internal sealed class UpdateIntegrationFunction(IntegrationStore integrations) : ApiFunction
{
    protected override async Task<IResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var id = request.Route(ApiRoutes.IntegrationId);
        var ifMatch = request.IfMatch();
        var input = await request.ReadJsonAsync<IntegrationInput>(cancellationToken);
        if (input.Id is not null && !string.Equals(input.Id, id, StringComparison.Ordinal))
        {
            throw ApiProblemException.Invalid("id", "The id cannot change; leave it out or send the route's id.");
        }

        if (input.StatusMap is not null)
        {
            throw ApiProblemException.Invalid("statusMap", $"The status map is edited at {ApiRoutes.Path(ApiRoutes.StatusMap, id)}.");
        }

        var record = await integrations.UpdateAsync(input.ToIntegration(id), ifMatch, cancellationToken);
        return Json(request, record.Integration, etag: record.ETag);
    }
}

/// <summary><c>GET /api/integrations/{integrationId}/settings</c></summary>
internal sealed class GetSettingsFunction(IntegrationStore integrations) : ApiFunction
{
    protected override async Task<IResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var record = await integrations.ReadAsync(request, cancellationToken);
        return Json(request, record.Integration.Settings, etag: record.ETag);
    }
}

/// <summary><c>PUT /api/integrations/{integrationId}/settings</c>: replaces the settings only (If-Match); settings
/// left out of the body take their defaults.</summary>
internal sealed class UpdateSettingsFunction(IntegrationStore integrations) : ApiFunction
{
    protected override async Task<IResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var ifMatch = request.IfMatch();
        var settings = IntegrationInput.Complete(await request.ReadJsonAsync<IntegrationSettings>(cancellationToken));
        var current = await integrations.ReadAsync(request, cancellationToken);
        var record = await integrations.UpdateAsync(current.Integration with { Settings = settings }, ifMatch, cancellationToken);
        return Json(request, record.Integration.Settings, etag: record.ETag);
    }
}

/// <summary><c>GET /api/integrations/{integrationId}/status-map</c></summary>
internal sealed class GetStatusMapFunction(IntegrationStore integrations) : ApiFunction
{
    protected override async Task<IResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var record = await integrations.ReadAsync(request, cancellationToken);
        return Json(request, StatusMapView.From(record), etag: record.ETag);
    }
}

/// <summary><c>PUT /api/integrations/{integrationId}/status-map</c>: replaces the whole map atomically (If-Match).
/// Marketplace statuses must be the marketplace's own; shop statuses may be custom.</summary>
internal sealed class ReplaceStatusMapFunction(IntegrationStore integrations) : ApiFunction
{
    protected override async Task<IResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var id = request.Route(ApiRoutes.IntegrationId);
        var ifMatch = request.IfMatch();
        var input = await request.ReadJsonAsync<StatusMapInput>(cancellationToken);
        var record = await integrations.ReplaceStatusMapAsync(id, input.ToStatusMap(), ifMatch, cancellationToken);
        return Json(request, StatusMapView.From(record), etag: record.ETag);
    }
}

/// <summary><c>GET /api/marketplaces</c>: the marketplaces the hub knows and the fixed statuses each reports.</summary>
internal sealed class ListMarketplacesFunction : ApiFunction
{
    protected override Task<IResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(Json(request, new MarketplaceList(MarketplaceCatalog.All)));
}

internal static class IntegrationStoreExtensions
{
    /// <summary>The route's integration as stored now; 404 when there is none.</summary>
    public static async Task<IntegrationRecord> ReadAsync(this IntegrationStore integrations, ApiRequest request, CancellationToken cancellationToken)
    {
        var id = request.Route(ApiRoutes.IntegrationId);
        return await integrations.GetAsync(id, cancellationToken) ?? throw new IntegrationNotFoundException(id);
    }
}
