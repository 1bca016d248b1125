using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using OrderFunctions.App.Api.Problems;
using OrderFunctions.Connectors.Http;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Marketplaces;
using OrderFunctions.Workflow.Messaging;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Orders.Storage;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.App.Api.Webhooks;

/// <summary>
/// <c>POST /api/webhooks/trendyol/{integrationId}</c>: Trendyol's order webhook, registered with
/// <c>authenticationType</c> <c>API_KEY</c> (header <c>x-api-key</c>) or <c>BASIC_AUTHENTICATION</c>; the expected values
/// are <c>webhookApiKey</c>, or <c>webhookUsername</c> and <c>webhookPassword</c>, in the marketplace account's secret.
/// The body is a shipment package (<c>orderNumber</c>, <c>status</c>); Trendyol sends no delivery id, so the body's hash
/// is one. A known order gets its <c>marketplace-changed</c> step (read afresh from Trendyol); an unknown one a poll
/// of the integration, which inserts it as any poll does.
/// </summary>
internal sealed class TrendyolWebhookFunction(
    IntegrationStore integrations,
    ISecretStore secrets,
    WebhookDeliveries deliveries,
    IWorkflowQueues queues,
    IOrderStore orders,
    TimeProvider time,
    ILogger<TrendyolWebhookFunction> logger)
    : WebhookFunction(integrations, secrets, deliveries, queues, time, logger)
{
    public const string ApiKeyHeader = "x-api-key";

    protected override string Platform => MarketplaceCatalog.Trendyol;

    protected override ConnectorAccount AccountOf(Integration integration) => integration.Marketplace;

    protected override async Task<string?> AuthenticateAsync(ApiRequest request, Integration integration, byte[] body, CancellationToken cancellationToken)
    {
        var json = await ReadSecretAsync(integration, integration.Marketplace, cancellationToken);
        ConnectorSecret secret;
        try
        {
            secret = ConnectorSecret.Parse(Platform, integration.Marketplace.SecretName, json);
        }
        catch (ConnectorException)
        {
            throw CannotVerify(integration, $"its secret '{integration.Marketplace.SecretName}' is not a JSON object");
        }

        var apiKey = secret.Optional("webhookApiKey");
        var username = secret.Optional("webhookUsername");
        var password = secret.Optional("webhookPassword");
        if (apiKey is null && (username is null || password is null))
        {
            throw CannotVerify(integration, $"its secret '{integration.Marketplace.SecretName}' has neither webhookApiKey nor webhookUsername and webhookPassword");
        }

        if (request.Header(ApiKeyHeader) is { } presentedKey)
        {
            return SecretEquals(presentedKey, apiKey) ? null : $"the {ApiKeyHeader} does not match";
        }

        if (AuthenticationHeaderValue.TryParse(request.Header("Authorization"), out var authorization)
            && string.Equals(authorization.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            var (user, pass) = ReadBasic(authorization.Parameter);
            // Both compared, always, so the time taken does not tell which one was wrong.
            var userMatches = SecretEquals(user, username);
            var passwordMatches = SecretEquals(pass, password);
            return userMatches && passwordMatches ? null : "the basic credentials do not match";
        }

        return $"neither {ApiKeyHeader} nor basic credentials";
    }

    protected override string? DeliveryId(ApiRequest request) => null;

    protected override async Task<WebhookOutcome> HandleDeliveryAsync(ApiRequest request, IntegrationRecord integration, byte[] body, CancellationToken cancellationToken)
    {
        var orderNumber = ReadOrderNumber(body);
        OrderKey key;
        try
        {
            key = OrderKey.Create(integration.Integration.Id, orderNumber);
        }
        catch (ArgumentException)
        {
            throw ApiProblemException.Invalid("orderNumber", "Not a usable order number.");
        }

        if (await orders.GetAsync(key, cancellationToken) is not null)
        {
            await Queues.SendStepAsync(new StepMessage { Order = key.Value, Step = StepKinds.MarketplaceChanged }, TimeSpan.Zero, cancellationToken);
            return new WebhookOutcome(WebhookOutcome.Queued, key.Value, StepKinds.MarketplaceChanged);
        }

        var run = "w" + Time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        await Queues.SendPollAsync(new PollMessage { Integration = integration.Integration.Id, Run = run }, cancellationToken);
        return new WebhookOutcome(WebhookOutcome.Queued, key.Value, "poll");
    }

    private static string ReadOrderNumber(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("orderNumber", out var number))
            {
                var text = number.ValueKind switch
                {
                    JsonValueKind.String => number.GetString(),
                    JsonValueKind.Number => number.GetRawText(),
                    _ => null,
                };
                if (!string.IsNullOrWhiteSpace(text))
                {
                    return text.Trim();
                }
            }
        }
        catch (JsonException)
        {
            throw ApiProblemException.Invalid("body", "Not JSON.");
        }

        throw ApiProblemException.Invalid("orderNumber", "Required: the package's order number.");
    }

    private static (string? User, string? Password) ReadBasic(string? parameter)
    {
        if (string.IsNullOrEmpty(parameter))
        {
            return (null, null);
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? (text, null) : (text[..colon], text[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }
}
