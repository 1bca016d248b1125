namespace OrderFunctions.App.Api.Webhooks;

/// <summary>What became of a delivery. <see cref="Status"/>: <c>queued</c> (<see cref="Work"/> says what: the order's
/// <c>shop-changed</c> or <c>marketplace-changed</c> step, or a <c>poll</c> of the integration for an order it does not
/// know yet), <c>ignored</c> (not an order of this integration, or a shop status its reverse map does not act on),
/// <c>duplicate</c> (this delivery was handled before), or <c>ping</c> (WooCommerce's creation ping).</summary>
internal sealed record WebhookOutcome(string Status, string? Order = null, string? Work = null)
{
    public const string Queued = "queued";
    public const string Ignored = "ignored";
    public const string Duplicate = "duplicate";
    public const string Ping = "ping";
}
