using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrderFunctions.App.Api.Problems;
using OrderFunctions.Connectors.Shopify;
using OrderFunctions.Connectors.WooCommerce;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Messaging;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.App.Api.Webhooks;

/// <summary><c>POST /api/webhooks/woocommerce/{integrationId}</c>: <c>order.created</c> / <c>order.updated</c>
/// deliveries signed with <c>X-WC-Webhook-Signature</c> (the shop secret's <c>webhookSecret</c>), deduplicated by
/// <c>X-WC-Webhook-ID</c> + <c>X-WC-Webhook-Delivery-ID</c>. The unsigned creation ping (<c>webhook_id=N</c>) is
/// answered 200 and does nothing.</summary>
internal sealed partial class WooCommerceWebhookFunction(
    IntegrationStore integrations, ISecretStore secrets, WebhookDeliveries deliveries, IWorkflowQueues queues, TimeProvider time, ILogger<WooCommerceWebhookFunction> logger)
    : WebhookFunction(integrations, secrets, deliveries, queues, time, logger)
{
    protected override string Platform => "woocommerce";

    protected override ConnectorAccount AccountOf(Integration integration) => integration.Shop;

    protected override bool IsPing(ApiRequest request, byte[] body) =>
        request.Header(WooCommerceWebhook.SignatureHeader) is null && body.Length < 64 && PingBody().IsMatch(Encoding.ASCII.GetString(body));

    protected override async Task<string?> AuthenticateAsync(ApiRequest request, Integration integration, byte[] body, CancellationToken cancellationToken)
    {
        var signature = request.Header(WooCommerceWebhook.SignatureHeader);
        if (signature is null)
        {
            return $"no {WooCommerceWebhook.SignatureHeader} header";
        }

        var json = await ReadSecretAsync(integration, integration.Shop, cancellationToken);
        string? secret;
        try
        {
            secret = WooCommerceCredentials.Parse(integration.Shop.SecretName, json).WebhookSecret;
        }
        catch (ConnectorException)
        {
            throw CannotVerify(integration, $"its secret '{integration.Shop.SecretName}' is not WooCommerce credentials");
        }

        if (string.IsNullOrEmpty(secret))
        {
            throw CannotVerify(integration, $"its secret '{integration.Shop.SecretName}' has no webhookSecret");
        }

        return WooCommerceWebhook.IsAuthentic(secret, body, signature) ? null : "the signature does not match the body";
    }

    protected override string? DeliveryId(ApiRequest request) =>
        request.Header(WooCommerceWebhook.DeliveryIdHeader) is { } delivery
            ? $"{request.Header(WooCommerceWebhook.WebhookIdHeader) ?? "0"}-{delivery}"
            : null;

    protected override Task<WebhookOutcome> HandleDeliveryAsync(ApiRequest request, IntegrationRecord integration, byte[] body, CancellationToken cancellationToken)
    {
        // Other topics (order.deleted, product.*) are answered 2xx and left alone: WooCommerce disables a webhook after
        // five failed deliveries in a row.
        if (request.Header(WooCommerceWebhook.TopicHeader) is { } topic && !OrderTopics.Contains(topic))
        {
            return Task.FromResult(new WebhookOutcome(WebhookOutcome.Ignored));
        }

        ShopOrder order;
        try
        {
            using var document = JsonDocument.Parse(body);
            order = WooCommerceOrderReader.Read(document.RootElement);
        }
        catch (JsonException)
        {
            throw ApiProblemException.Invalid("body", "Not JSON.");
        }
        catch (ConnectorException e)
        {
            throw ApiProblemException.Invalid(e.Field ?? "body", "Not a WooCommerce order.");
        }

        return QueueShopChangeAsync(integration, order.OrderKey, order.Status, cancellationToken);
    }

    private static readonly HashSet<string> OrderTopics = new(StringComparer.OrdinalIgnoreCase) { "order.created", "order.updated", "order.restored" };

    [GeneratedRegex("^webhook_id=[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PingBody();
}

/// <summary><c>POST /api/webhooks/shopify/{integrationId}</c>: <c>orders/*</c> deliveries signed with
/// <c>X-Shopify-Hmac-SHA256</c> (the app's client secret, or the previous one for an hour after a rotation),
/// deduplicated by <c>X-Shopify-Webhook-Id</c>. The body only says which order; the step reads it through the API.</summary>
internal sealed class ShopifyWebhookFunction(
    IntegrationStore integrations, ISecretStore secrets, WebhookDeliveries deliveries, IWorkflowQueues queues, TimeProvider time, ILogger<ShopifyWebhookFunction> logger)
    : WebhookFunction(integrations, secrets, deliveries, queues, time, logger)
{
    protected override string Platform => "shopify";

    protected override ConnectorAccount AccountOf(Integration integration) => integration.Shop;

    protected override async Task<string?> AuthenticateAsync(ApiRequest request, Integration integration, byte[] body, CancellationToken cancellationToken)
    {
        var signature = request.Header(ShopifyWebhook.SignatureHeader);
        if (signature is null)
        {
            return $"no {ShopifyWebhook.SignatureHeader} header";
        }

        var json = await ReadSecretAsync(integration, integration.Shop, cancellationToken);
        IReadOnlyList<string> webhookSecrets;
        try
        {
            webhookSecrets = ShopifyCredentials.Parse(integration.Shop.SecretName, json).WebhookSecrets;
        }
        catch (ConnectorException)
        {
            throw CannotVerify(integration, $"its secret '{integration.Shop.SecretName}' is not Shopify credentials");
        }

        if (webhookSecrets.Count == 0)
        {
            throw CannotVerify(integration, $"its secret '{integration.Shop.SecretName}' has no clientSecret");
        }

        return ShopifyWebhook.IsAuthentic(webhookSecrets, body, signature) ? null : "the signature does not match the body";
    }

    protected override string? DeliveryId(ApiRequest request) => request.Header(ShopifyWebhook.WebhookIdHeader);

    protected override Task<WebhookOutcome> HandleDeliveryAsync(ApiRequest request, IntegrationRecord integration, byte[] body, CancellationToken cancellationToken)
    {
        if (request.Header(ShopifyWebhook.TopicHeader) is { } topic && !topic.StartsWith("orders/", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(new WebhookOutcome(WebhookOutcome.Ignored));
        }

        string? orderKey;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw ApiProblemException.Invalid("body", "A Shopify order object.");
            }

            orderKey = document.RootElement.TryGetProperty("source_identifier", out var key) && key.ValueKind == JsonValueKind.String ? key.GetString() : null;
        }
        catch (JsonException)
        {
            throw ApiProblemException.Invalid("body", "Not JSON.");
        }

        // Shopify's REST-shaped body has no status in the hub's folded form: the step reads it and decides.
        return QueueShopChangeAsync(integration, orderKey, shopStatus: null, cancellationToken);
    }
}
