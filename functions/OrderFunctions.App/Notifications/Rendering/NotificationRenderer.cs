using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using OrderFunctions.App.Notifications.Email;

namespace OrderFunctions.App.Notifications.Rendering;

/// <summary>
/// Turns notifications into mails with a plain-text and an HTML body. Every value that comes from outside (customer
/// names, order ids, reasons, integration names) is HTML-encoded in the HTML body and kept on one line in subjects.
/// Subjects lead with what an inbox needs to sort by: how many orders, or which order failed, and the integration.
/// Times are UTC. Mails carry no secrets: no keys, no function keys, only routes to the operator API.
/// </summary>
public sealed class NotificationRenderer
{
    /// <summary>Rows in one digest; the rest is counted ("and 40 more"), which keeps a busy window's mail small.</summary>
    public const int MaxDigestRows = 100;

    private const int MaxSubjectDetailLength = 80;
    private const int MaxReasonLength = 2000;
    private const string Product = "OrderFunctions";

    // All of Unicode stays readable (Turkish, Dutch names); only markup-significant characters are encoded.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly OperatorLinks _links;

    public NotificationRenderer(OperatorLinks links)
    {
        _links = links;
    }

    /// <summary>The stable message id of a digest: one per integration per window.</summary>
    public static string DigestMessageId(string integrationId, DigestWindow window) => $"new-orders:{integrationId}:{window.Key}";

    public EmailMessage RenderNewOrders(NewOrdersDigest digest, IReadOnlyList<EmailAddress> to)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(to);
        if (digest.Orders.Count == 0)
        {
            throw new ArgumentException("A digest without orders is not sent.", nameof(digest));
        }

        var count = digest.Orders.Count;
        var countText = count == 1 ? "1 new order" : $"{count} new orders";
        var period = $"{Time(digest.Window.Start)}–{digest.Window.End.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC";
        var shown = digest.Orders.Take(MaxDigestRows).ToList();
        var hidden = count - shown.Count;
        var ordersLink = _links.Orders(digest.IntegrationId);

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{countText} on {SingleLine(digest.IntegrationName)} (integration {digest.IntegrationId}) in the window {period}.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"Order",-20} {"Customer",-30} {"Total",16}  Status");
        foreach (var order in shown)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{SingleLine(order.MarketplaceOrderId),-20} {SingleLine(order.CustomerName),-30} {Money(order),16}  {SingleLine(order.Status)}");
        }

        if (hidden > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"… and {hidden} more.");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"All orders of this integration: {ordersLink}");
        AppendFooter(text, "new order");

        var html = new StringBuilder();
        OpenHtml(html, $"{countText} — {digest.IntegrationName}");
        html.Append(CultureInfo.InvariantCulture, $"<p><strong>{E(countText)}</strong> on <strong>{E(digest.IntegrationName)}</strong> (integration <code>{E(digest.IntegrationId)}</code>) in the window {E(period)}.</p>\n");
        html.Append("<table style=\"border-collapse:collapse\" cellpadding=\"6\">\n<thead><tr style=\"text-align:left;border-bottom:1px solid #999\"><th>Order</th><th>Customer</th><th style=\"text-align:right\">Total</th><th>Status</th></tr></thead>\n<tbody>\n");
        foreach (var order in shown)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(order.MarketplaceOrderId)}</td><td>{E(order.CustomerName)}</td><td style=\"text-align:right\">{E(Money(order))}</td><td>{E(order.Status)}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        if (hidden > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>… and {hidden} more.</p>\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"<p>All orders of this integration: <code>{E(ordersLink)}</code></p>\n");
        CloseHtml(html, "new order");

        return new EmailMessage
        {
            Id = DigestMessageId(digest.IntegrationId, digest.Window),
            CreatedAt = digest.Window.End,
            To = to,
            Subject = $"[{Product}] {countText} on {Shorten(SingleLine(digest.IntegrationName))} ({period})",
            PlainText = text.ToString(),
            Html = html.ToString(),
        };
    }

    public EmailMessage RenderOrderError(OrderErrorNotice notice, IReadOnlyList<EmailAddress> to)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(to);

        var reason = notice.Reason.Length <= MaxReasonLength ? notice.Reason : notice.Reason[..MaxReasonLength] + "…";
        var orderId = SingleLine(notice.MarketplaceOrderId);
        var integration = SingleLine(notice.IntegrationName);
        var failed = notice.Kind == OrderErrorKind.Failed;
        var attempts = notice.Attempts == 1 ? "1 attempt" : $"{notice.Attempts} attempts";
        var what = notice.Kind switch
        {
            OrderErrorKind.UnmappedStatus => $"is on hold ({notice.State}): its marketplace status has no entry in the integration's status map",
            OrderErrorKind.MappingInactive => $"is on hold ({notice.State}): the status map entry for its marketplace status is inactive",
            _ => $"failed{(notice.FailedFrom is null ? "" : $" in state {notice.FailedFrom}")} after {attempts}",
        };
        var summary = $"Order {orderId} of {integration} (integration {notice.IntegrationId}) {what}, at {Time(notice.OccurredAt)} UTC.";
        var fix = failed
            ? "Fix the cause (the integration's settings or status map, the shop or marketplace account)."
            : $"Add or activate the marketplace status in the integration's status map: {_links.StatusMap(notice.IntegrationId)}";
        var waits = failed ? "The order waits in state Failed" : "The order waits on hold";
        var steps = new[]
        {
            $"See the order and its history: {_links.Order(notice.IntegrationId, notice.MarketplaceOrderId)}",
            fix,
            $"Re-sync the order, which puts it back into the flow: {_links.ResyncOrder(notice.IntegrationId, notice.MarketplaceOrderId)}",
        };
        var retryAll = $"or retry every failed order of this integration: {_links.RetryFailedOrders(notice.IntegrationId)}";
        var listLink = failed ? _links.OrdersInState(notice.IntegrationId, "Failed") : _links.OrdersInState(notice.IntegrationId, notice.State);

        var text = new StringBuilder();
        text.AppendLine(summary);
        text.AppendLine();
        text.AppendLine("Reason:");
        text.AppendLine(reason);
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{waits}; nothing more happens to it until you act. What you can do:");
        for (var i = 0; i < steps.Length; i++)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{i + 1}. {steps[i]}");
        }

        if (failed)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"   {retryAll}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"All such orders: {listLink}");
        AppendFooter(text, "order in error");

        var html = new StringBuilder();
        OpenHtml(html, $"Order {notice.MarketplaceOrderId}: {(failed ? "failed" : "on hold")}");
        html.Append(CultureInfo.InvariantCulture, $"<p>{E(summary)}</p>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>Reason:</p>\n<pre style=\"white-space:pre-wrap\">{E(reason)}</pre>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>{E(waits)}; nothing more happens to it until you act. What you can do:</p>\n<ol>\n");
        foreach (var step in steps)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>{E(step)}</li>\n");
        }

        html.Append("</ol>\n");
        if (failed)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(retryAll)}</p>\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"<p>All such orders: <code>{E(listLink)}</code></p>\n");
        CloseHtml(html, "order in error");

        return new EmailMessage
        {
            Id = notice.Id,
            CreatedAt = notice.OccurredAt,
            To = to,
            Subject = $"[{Product}] Order {Shorten(orderId)} {(failed ? "failed" : "is on hold")} on {Shorten(integration)}: {Shorten(SingleLine(reason))}",
            PlainText = text.ToString(),
            Html = html.ToString(),
        };
    }

    private static void AppendFooter(StringBuilder text, string kind)
    {
        text.AppendLine();
        text.AppendLine("-- ");
        text.AppendLine(CultureInfo.InvariantCulture, $"Sent by {Product} because \"{kind}\" notifications are on for this integration. The API routes need a function key.");
    }

    private static void OpenHtml(StringBuilder html, string title) =>
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>{E(title)}</title>\n</head>\n<body style=\"font-family:sans-serif\">\n");

    private static void CloseHtml(StringBuilder html, string kind) =>
        html.Append(CultureInfo.InvariantCulture, $"<hr>\n<p style=\"color:#666;font-size:small\">Sent by {Product} because &quot;{E(kind)}&quot; notifications are on for this integration. The API routes need a function key.</p>\n</body>\n</html>\n");

    private static string E(string value) => Html.Encode(value);

    private static string Money(DigestOrder order) =>
        $"{order.Total.ToString("0.00", CultureInfo.InvariantCulture)} {SingleLine(order.Currency)}";

    private static string Time(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    // Values from outside may hold line breaks; in a subject or a text-table row they would break the layout.
    private static string SingleLine(string value) =>
        string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Shorten(string value) =>
        value.Length <= MaxSubjectDetailLength ? value : value[..MaxSubjectDetailLength] + "…";
}
