using System.Security.Cryptography;
using OrderFunctions.App.Api.Problems;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Messaging;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.App.Api.Webhooks;

/// <summary>
/// A platform's webhook for one integration: <c>POST /api/webhooks/{platform}/{integrationId}</c>. Anonymous on the
/// function-key side because the platform cannot send our key; instead every delivery must prove itself first (HMAC
/// signature of the raw body, or the platform's API key / basic credentials) — 401 otherwise, logged without body,
/// header values or secret. Then a delivery id handled before is answered <c>duplicate</c>; otherwise the delivery
/// becomes the same workflow work a poll would do (the order's step, read afresh from the platform), and is recorded.
/// </summary>
internal abstract class WebhookFunction(
    IntegrationStore integrations,
    ISecretStore secrets,
    WebhookDeliveries deliveries,
    IWorkflowQueues queues,
    TimeProvider time,
    ILogger logger) : ApiFunction
{
    /// <summary>A WooCommerce order with many lines and meta is tens of kilobytes; 2 MiB leaves room and no more.</summary>
    public const int MaxBodyBytes = 2 * 1024 * 1024;

    protected abstract string Platform { get; }

    protected IWorkflowQueues Queues => queues;

    protected TimeProvider Time => time;

    protected ILogger Logger => logger;

    /// <summary>The account of the integration this platform's deliveries concern (the shop or the marketplace).</summary>
    protected abstract ConnectorAccount AccountOf(Integration integration);

    /// <summary>Null when the delivery is authentic; otherwise why not (for the log: no values).</summary>
    protected abstract Task<string?> AuthenticateAsync(ApiRequest request, Integration integration, byte[] body, CancellationToken cancellationToken);

    /// <summary>The platform's delivery id header, if it sends one (otherwise the body's hash is the id).</summary>
    protected abstract string? DeliveryId(ApiRequest request);

    protected abstract Task<WebhookOutcome> HandleDeliveryAsync(ApiRequest request, IntegrationRecord integration, byte[] body, CancellationToken cancellationToken);

    protected virtual bool IsPing(ApiRequest request, byte[] body) => false;

    protected sealed override async Task<IResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var integrationId = request.Route(ApiRoutes.IntegrationId);
        var body = await request.ReadBodyAsync(MaxBodyBytes, cancellationToken);
        var record = await integrations.GetCachedAsync(integrationId, cancellationToken);
        if (record is null || !string.Equals(AccountOf(record.Integration).Kind, Platform, StringComparison.Ordinal))
        {
            throw ApiProblemException.NotFound($"Integration '{integrationId}' has no {Platform} account.");
        }

        if (IsPing(request, body))
        {
            WebhookLog.Ping(logger, integrationId);
            return Json(request, new WebhookOutcome(WebhookOutcome.Ping));
        }

        if (await AuthenticateAsync(request, record.Integration, body, cancellationToken) is { } rejection)
        {
            WebhookLog.Rejected(logger, Platform, integrationId, rejection);
            throw ApiProblemException.Unauthorized("The delivery's signature or credentials are missing or do not match.");
        }

        var deliveryId = DeliveryId(request) ?? "sha256-" + Convert.ToHexString(SHA256.HashData(body));
        if (await deliveries.WasHandledAsync(integrationId, Platform, deliveryId, cancellationToken))
        {
            WebhookLog.Duplicate(logger, Platform, integrationId, deliveryId);
            return Json(request, new WebhookOutcome(WebhookOutcome.Duplicate));
        }

        var outcome = await HandleDeliveryAsync(request, record, body, cancellationToken);
        await deliveries.RecordAsync(integrationId, Platform, deliveryId, outcome.Status, time.GetUtcNow(), cancellationToken);
        WebhookLog.Handled(logger, Platform, integrationId, deliveryId, outcome.Work is null ? outcome.Status : $"{outcome.Status} {outcome.Work}");
        return Json(request, outcome, outcome.Status == WebhookOutcome.Queued ? StatusCodes.Status202Accepted : StatusCodes.Status200OK);
    }

    /// <summary>The credentials JSON of <paramref name="account"/>; a secret that cannot be read means the delivery
    /// cannot be verified: 500 (503 when the store is briefly unreachable), so the platform retries later.</summary>
    protected async Task<string> ReadSecretAsync(Integration integration, ConnectorAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integration);
        ArgumentNullException.ThrowIfNull(account);
        try
        {
            return await secrets.GetSecretAsync(account.SecretName, cancellationToken);
        }
        catch (SecretStoreException e) when (!e.IsTransient)
        {
            throw CannotVerify(integration, $"its secret '{account.SecretName}' cannot be read");
        }
    }

    protected ApiProblemException CannotVerify(Integration integration, string problem)
    {
        ArgumentNullException.ThrowIfNull(integration);
        WebhookLog.CannotVerify(logger, Platform, integration.Id, problem);
        return new ApiProblemException(
            StatusCodes.Status500InternalServerError,
            "The delivery cannot be verified.",
            "The integration's webhook credentials are not configured (see docs/api.md, Webhooks).");
    }

    /// <summary>A shop order changed: queue the order's <c>shop-changed</c> step — the step reads the order from the shop
    /// and decides on it, as a shop poll does — unless the order is not this integration's, or its status is one the
    /// reverse map does not act on (the poll skips those too; it includes the hub's own updates echoed back).</summary>
    protected async Task<WebhookOutcome> QueueShopChangeAsync(IntegrationRecord integration, string? orderKey, string? shopStatus, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integration);
        if (!OrderKey.TryParse(orderKey, out var key) || !string.Equals(key.IntegrationId, integration.Integration.Id, StringComparison.Ordinal))
        {
            return new WebhookOutcome(WebhookOutcome.Ignored);
        }

        if (shopStatus is not null && integration.StatusMap.FindReverse(shopStatus) is not { Active: true, Action: not ReverseAction.None })
        {
            return new WebhookOutcome(WebhookOutcome.Ignored, key.Value);
        }

        await queues.SendStepAsync(new StepMessage { Order = key.Value, Step = StepKinds.ShopChanged }, TimeSpan.Zero, cancellationToken);
        return new WebhookOutcome(WebhookOutcome.Queued, key.Value, StepKinds.ShopChanged);
    }

    /// <summary>Compares a presented credential with the expected one in constant time (hashes first, so not even the
    /// length is revealed).</summary>
    protected static bool SecretEquals(string? presented, string? expected)
    {
        if (string.IsNullOrEmpty(presented) || string.IsNullOrEmpty(expected))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(expected)));
    }
}
