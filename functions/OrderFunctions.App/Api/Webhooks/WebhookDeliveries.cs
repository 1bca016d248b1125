using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Azure;
using OrderFunctions.Storage;
using OrderFunctions.Storage.Tables;

namespace OrderFunctions.App.Api.Webhooks;

/// <summary>
/// The webhook deliveries already handled, one row per integration and delivery id in the <c>WebhookDeliveries</c>
/// table, so a platform's retry of a delivery that got through is answered without queuing its work twice. A delivery
/// is recorded only after its work was queued: one that failed half-way is handled again when the platform retries.
/// </summary>
internal sealed partial class WebhookDeliveries(TableServiceClient tables)
{
    public const string TableName = "WebhookDeliveries";

    private readonly TableClient _table = tables.GetTableClient(TableName);
    private Task? _created;

    public async Task<bool> WasHandledAsync(string integrationId, string platform, string deliveryId, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        return await _table.GetEntityOrDefaultAsync(integrationId, RowKey(platform, deliveryId), cancellationToken: cancellationToken) is not null;
    }

    public async Task RecordAsync(string integrationId, string platform, string deliveryId, string outcome, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        var entity = new TableEntity(integrationId, RowKey(platform, deliveryId))
        {
            ["Platform"] = platform,
            ["Outcome"] = outcome,
            ["HandledAt"] = at,
        };
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException e) when (e.IsConflict())
        {
            // A concurrent retry of the same delivery recorded it first: its work was queued twice, which steps absorb.
        }
    }

    /// <summary>Delivery ids are numbers or GUIDs; anything else (or a body hash) is stored as its SHA-256.</summary>
    private static string RowKey(string platform, string deliveryId) =>
        $"{platform}|{(SafeId().IsMatch(deliveryId) ? deliveryId : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(deliveryId))))}";

    private async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        var created = _created ??= _table.CreateIfNotExistsAsync(cancellationToken);
        try
        {
            await created;
        }
        catch
        {
            // Try again on the next delivery rather than failing every one after a passing storage error.
            _created = null;
            throw;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,200}$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeId();
}
