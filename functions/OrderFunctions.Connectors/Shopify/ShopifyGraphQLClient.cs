using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;
using OrderFunctions.Connectors.Http;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.Shopify;

/// <summary>The <c>data</c> of a GraphQL answer; disposing releases the parsed document.</summary>
internal sealed class ShopifyResult(JsonDocument document, PayloadReader data) : IDisposable
{
    public PayloadReader Data { get; } = data;

    public void Dispose() => document.Dispose();
}

/// <summary>
/// Sends GraphQL operations to the pinned Admin API version (<c>admin/api/{version}/graphql.json</c>) through the shared
/// <see cref="PlatformClient"/> (HTTP retries, 5xx and 429, HTML pages), and handles what only GraphQL says:
/// <c>THROTTLED</c> errors arrive with status 200, so they are waited out here from <c>extensions.cost</c>
/// (the points missing divided by the restore rate) and the operation is sent again — a throttled operation was not
/// executed, so this holds for mutations too. Any other GraphQL error is a non-transient <see cref="ConnectorException"/>.
/// </summary>
internal sealed partial class ShopifyGraphQLClient
{
    /// <summary>Longest single wait for the cost bucket; beyond it the caller's step is retried later instead.</summary>
    private static readonly TimeSpan MaxThrottleWait = TimeSpan.FromSeconds(30);

    private readonly PlatformClient _client;
    private readonly string _apiVersion;
    private readonly int _maxThrottleRetries;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private int _fellForwardLogged;

    public ShopifyGraphQLClient(Uri shopUrl, string apiVersion, ShopifyCredentials credentials, ConnectorClientOptions options, TimeProvider time, ILogger logger)
    {
        if (!ApiVersionPattern().IsMatch(apiVersion))
        {
            throw new ConnectorException(ShopifyShop.Platform, $"shopify: '{apiVersion}' is not a Shopify API version (YYYY-MM, a quarter's first month: 01, 04, 07 or 10).", isTransient: false, field: "ApiVersion");
        }

        _apiVersion = apiVersion;
        _client = new PlatformClient(ShopifyShop.Platform, new Uri(shopUrl, $"admin/api/{apiVersion}/"), options, new AccessTokenPolicy(credentials.AccessToken));
        _maxThrottleRetries = Math.Max(1, options.Retry.MaxRetries);
        _time = time;
        _logger = logger;
    }

    /// <summary>Runs an operation. <paramref name="sendOnce"/> turns off the HTTP-level retries for a mutation that must
    /// not run twice (orderCreate): after a lost answer the caller looks before trying again.</summary>
    public async Task<ShopifyResult> ExecuteAsync(string operation, string document, object? variables, string? orderId, bool sendOnce, CancellationToken cancellationToken)
    {
        var body = PlatformRequestBody.Json(new { query = document, variables });
        for (var attempt = 0; ; attempt++)
        {
            var response = sendOnce
                ? await _client.SendOnceAsync(RequestMethod.Post, "graphql.json", body, orderId: orderId, cancellationToken: cancellationToken)
                : await _client.SendAsync(RequestMethod.Post, "graphql.json", body, orderId: orderId, cancellationToken: cancellationToken);
            CheckVersion(response);
            var json = _client.ParseJson(response, RequestMethod.Post, "graphql.json", orderId);
            TimeSpan wait;
            try
            {
                var root = PayloadReader.Root(json.RootElement, ShopifyShop.Platform, orderId);
                if (root.Optional("errors") is not { } errors)
                {
                    // The caller owns the document from here (ShopifyResult disposes it).
                    return new ShopifyResult(json, root.Required("data"));
                }

                if (!IsThrottled(errors))
                {
                    throw GraphQLError(operation, errors, orderId);
                }

                wait = ThrottleWait(operation, root, orderId);
                if (attempt >= _maxThrottleRetries || wait > MaxThrottleWait)
                {
                    throw new ConnectorException(ShopifyShop.Platform, $"shopify: {operation} is still throttled after {attempt + 1} attempts.", isTransient: true, httpStatus: 200, orderId: orderId, field: "extensions.cost")
                    {
                        RetryAfter = wait,
                        IsThrottled = true,
                    };
                }
            }
            catch
            {
                json.Dispose();
                throw;
            }

            json.Dispose();
            await Task.Delay(wait, _time, cancellationToken);
        }
    }

    /// <summary>How long until the bucket holds the requested cost: (requested - available) / restore rate.</summary>
    private TimeSpan ThrottleWait(string operation, PayloadReader root, string? orderId)
    {
        var cost = root.Optional("extensions")?.Optional("cost");
        if (cost is null)
        {
            return TimeSpan.FromSeconds(1);
        }

        var requested = cost.Value.Required("requestedQueryCost").AsInt32();
        var status = cost.Value.Required("throttleStatus");
        var maximum = status.Required("maximumAvailable").AsDecimal();
        var available = status.Required("currentlyAvailable").AsDecimal();
        var restoreRate = status.Required("restoreRate").AsDecimal();
        if (requested > maximum)
        {
            throw new ConnectorException(ShopifyShop.Platform, $"shopify: {operation} costs {requested} points, more than the shop's bucket holds ({maximum}).", isTransient: false, orderId: orderId, field: "extensions.cost.requestedQueryCost");
        }

        var seconds = restoreRate <= 0 ? 1d : (double)Math.Max(0m, requested - available) / (double)restoreRate;
        var wait = TimeSpan.FromMilliseconds(Math.Ceiling(seconds * 1000) + 20);
        ShopifyLog.Throttled(_logger, operation, requested, (double)available, wait);
        return wait;
    }

    private static bool IsThrottled(PayloadReader errors) =>
        errors.Element.ValueKind == JsonValueKind.Array
        && errors.Items().Any(e => e.Element.ValueKind == JsonValueKind.Object
            && e.Optional("extensions")?.Optional("code") is { Element.ValueKind: JsonValueKind.String } code
            && code.AsString() == "THROTTLED");

    /// <summary>A GraphQL error: the first message (shortened) and its path, never the variables sent.</summary>
    private static ConnectorException GraphQLError(string operation, PayloadReader errors, string? orderId)
    {
        string message;
        string? path = null;
        if (errors.Element.ValueKind == JsonValueKind.Array && errors.Items().FirstOrDefault() is { Element.ValueKind: JsonValueKind.Object } first)
        {
            message = first.Optional("message")?.AsString() ?? "(no message)";
            path = first.Optional("path") is { Element.ValueKind: JsonValueKind.Array } p ? string.Join('.', p.Items().Select(i => i.AsString())) : null;
        }
        else
        {
            message = errors.Element.ValueKind == JsonValueKind.String ? errors.AsString() : errors.Element.GetRawText();
        }

        message = message.Length > 300 ? message[..300] + "…" : message;
        return new ConnectorException(
            ShopifyShop.Platform,
            $"shopify{(orderId is null ? "" : $" order {orderId}")}: {operation} failed: {message}{(path is null ? "" : $" (at {path})")}",
            isTransient: false,
            httpStatus: 200,
            orderId: orderId,
            field: path ?? "errors");
    }

    private void CheckVersion(Azure.Response response)
    {
        if (response.Headers.TryGetValue("X-Shopify-API-Version", out var served) && served != _apiVersion && Interlocked.Exchange(ref _fellForwardLogged, 1) == 0)
        {
            ShopifyLog.VersionFellForward(_logger, _apiVersion, served);
        }
    }

    [GeneratedRegex("^20[0-9]{2}-(01|04|07|10)$", RegexOptions.CultureInvariant)]
    private static partial Regex ApiVersionPattern();

    /// <summary>Adds <c>X-Shopify-Access-Token</c> (Azure.Core's logging redacts unknown headers).</summary>
    private sealed class AccessTokenPolicy(string token) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message)
        {
            ArgumentNullException.ThrowIfNull(message);
            message.Request.Headers.SetValue("X-Shopify-Access-Token", token);
        }
    }

    internal static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    internal static string IsoUtc(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
