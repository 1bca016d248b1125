using OrderFunctions.App.Notifications.Email;
using OrderFunctions.App.Notifications.Rendering;

namespace OrderFunctions.App.Tests.Notifications.Rendering;

public sealed class NotificationRendererTests
{
    private const string HostileName = "<script>alert(\"x\")</script> & Sons";

    private static readonly IReadOnlyList<EmailAddress> To = [new("merchant@example.com")];
    private static readonly DigestWindow Window = DigestWindow.Containing(new DateTimeOffset(2025, 7, 1, 10, 7, 0, TimeSpan.Zero), TimeSpan.FromMinutes(15));

    private readonly NotificationRenderer _renderer = new(new OperatorLinks(new Uri("https://func-orders.azurewebsites.net/api")));

    [Fact]
    public void DigestListsEveryOrderWithCustomerTotalAndStatusInBothParts()
    {
        var mail = _renderer.RenderNewOrders(Digest(
            new DigestOrder("80869231", "Ayşe Yılmaz", 149.9m, "TRY", "Created"),
            new DigestOrder("80869232", "Jan de Vries", 1234.5m, "EUR", "Awaiting payment")), To);

        Assert.Equal("[OrderFunctions] 2 new orders on Trendyol → Demo Shop (2025-07-01 10:00–10:15 UTC)", mail.Subject);
        foreach (var expected in new[] { "80869231", "Ayşe Yılmaz", "149.90 TRY", "Created", "80869232", "Jan de Vries", "1234.50 EUR", "Awaiting payment" })
        {
            Assert.Contains(expected, mail.PlainText, StringComparison.Ordinal);
            Assert.Contains(expected, mail.Html, StringComparison.Ordinal);
        }

        Assert.Contains("GET https://func-orders.azurewebsites.net/api/integrations/demo/orders", mail.PlainText, StringComparison.Ordinal);
        Assert.Equal(To, mail.To);
        Assert.Equal(Window.End, mail.CreatedAt);
    }

    [Fact]
    public void DigestOfOneOrderSaysOneNewOrder()
    {
        var mail = _renderer.RenderNewOrders(Digest(new DigestOrder("1", "A", 1m, "EUR", "Created")), To);

        Assert.StartsWith("[OrderFunctions] 1 new order on ", mail.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void DigestHtmlEncodesHostileCustomerNamesAndKeepsThemVerbatimInPlainText()
    {
        var mail = _renderer.RenderNewOrders(Digest(new DigestOrder("<b>1</b>", HostileName, 10m, "EUR", "<i>new</i>")), To);

        Assert.DoesNotContain("<script>", mail.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>1</b>", mail.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>new</i>", mail.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Sons", mail.Html, StringComparison.Ordinal);
        Assert.Contains(HostileName, mail.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public void DigestOfABusyWindowShowsTheFirstRowsAndCountsTheRest()
    {
        var orders = Enumerable.Range(1, NotificationRenderer.MaxDigestRows + 40)
            .Select(i => new DigestOrder($"order-{i:D4}", $"Customer {i}", i, "EUR", "Created"))
            .ToArray();

        var mail = _renderer.RenderNewOrders(Digest(orders), To);

        Assert.Contains($"{orders.Length} new orders", mail.Subject, StringComparison.Ordinal);
        Assert.Contains($"order-{NotificationRenderer.MaxDigestRows:D4}", mail.Html, StringComparison.Ordinal);
        Assert.DoesNotContain($"order-{NotificationRenderer.MaxDigestRows + 1:D4}", mail.Html, StringComparison.Ordinal);
        Assert.Contains("and 40 more", mail.PlainText, StringComparison.Ordinal);
        Assert.Contains("and 40 more", mail.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyDigestIsNotRendered() =>
        Assert.Throws<ArgumentException>(() => _renderer.RenderNewOrders(Digest(), To));

    [Fact]
    public void DigestIdIsOnePerIntegrationAndWindow()
    {
        var first = _renderer.RenderNewOrders(Digest(new DigestOrder("1", "A", 1m, "EUR", "Created")), To);
        var again = _renderer.RenderNewOrders(Digest(new DigestOrder("2", "B", 2m, "EUR", "Created")), To);
        var later = _renderer.RenderNewOrders(Digest(new DigestOrder("1", "A", 1m, "EUR", "Created")) with { Window = DigestWindow.Containing(Window.End, Window.Length) }, To);

        Assert.Equal("new-orders:demo:20250701T1000Z", first.Id);
        Assert.Equal(first.Id, again.Id);
        Assert.NotEqual(first.Id, later.Id);
    }

    [Fact]
    public void FailureMailNamesOrderIntegrationStateReasonAttemptsAndWhatToDo()
    {
        var mail = _renderer.RenderOrderError(Error(), To);

        Assert.Equal("[OrderFunctions] Order 80869231 failed on Trendyol → Demo Shop: woocommerce: POST /orders answered 401.", mail.Subject);
        foreach (var part in new[] { mail.PlainText, mail.Html })
        {
            Assert.Contains("80869231", part, StringComparison.Ordinal);
            Assert.Contains("Trendyol → Demo Shop", part, StringComparison.Ordinal);
            Assert.Contains("failed in state Transferred after 5 attempts", part, StringComparison.Ordinal);
            Assert.Contains("woocommerce: POST /orders answered 401.", part, StringComparison.Ordinal);
            Assert.Contains("2025-07-01 10:20 UTC", part, StringComparison.Ordinal);
            Assert.Contains("POST https://func-orders.azurewebsites.net/api/integrations/demo/orders/80869231/resync", part, StringComparison.Ordinal);
            Assert.Contains("GET https://func-orders.azurewebsites.net/api/integrations/demo/orders/80869231", part, StringComparison.Ordinal);
            Assert.Contains("POST https://func-orders.azurewebsites.net/api/integrations/demo/orders/retry-failed", part, StringComparison.Ordinal);
        }

        Assert.Equal("demo:80869231|error|7", mail.Id);
        Assert.Equal(Error().OccurredAt, mail.CreatedAt);
    }

    [Theory]
    [InlineData(OrderErrorKind.UnmappedStatus, "its marketplace status has no entry in the")]
    [InlineData(OrderErrorKind.MappingInactive, "the status map entry for its marketplace status is inactive")]
    public void HoldMailSaysOnHoldAndPointsAtTheStatusMap(OrderErrorKind kind, string explanation)
    {
        var mail = _renderer.RenderOrderError(Error() with { Kind = kind, State = "Held:UnmappedStatus", FailedFrom = null, Attempts = 0, Reason = "marketplace status 'Picking' is not mapped" }, To);

        Assert.StartsWith("[OrderFunctions] Order 80869231 is on hold on Trendyol → Demo Shop: marketplace status 'Picking' is not mapped", mail.Subject, StringComparison.Ordinal);
        foreach (var part in new[] { mail.PlainText, mail.Html })
        {
            Assert.Contains(explanation, part, StringComparison.Ordinal);
            Assert.Contains("PUT https://func-orders.azurewebsites.net/api/integrations/demo/status-map", part, StringComparison.Ordinal);
            Assert.Contains("/orders/80869231/resync", part, StringComparison.Ordinal);
            Assert.DoesNotContain("attempts", part, StringComparison.Ordinal);
            Assert.DoesNotContain("retry-failed", part, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ErrorMailHtmlEncodesTheReasonAndTheSubjectStaysOnOneLine()
    {
        var mail = _renderer.RenderOrderError(Error() with { Reason = $"shop rejected customer {HostileName}\r\nline two", MarketplaceOrderId = "A/1 <x>" }, To);

        Assert.DoesNotContain("<script>", mail.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<x>", mail.Html, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', mail.Subject);
        Assert.DoesNotContain('\r', mail.Subject);
        Assert.Contains("/orders/A%2F1%20%3Cx%3E/resync", mail.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public void MailsWithoutAnApiBaseUrlShowRoutePlaceholders()
    {
        var mail = new NotificationRenderer(new OperatorLinks(null)).RenderOrderError(Error(), To);

        Assert.Contains("POST {api}/integrations/demo/orders/80869231/resync", mail.PlainText, StringComparison.Ordinal);
    }

    private static NewOrdersDigest Digest(params DigestOrder[] orders) => new()
    {
        IntegrationId = "demo",
        IntegrationName = "Trendyol → Demo Shop",
        Window = Window,
        Orders = orders,
    };

    private static OrderErrorNotice Error() => new()
    {
        Id = "demo:80869231|error|7",
        IntegrationId = "demo",
        IntegrationName = "Trendyol → Demo Shop",
        MarketplaceOrderId = "80869231",
        Kind = OrderErrorKind.Failed,
        State = "Failed",
        FailedFrom = "Transferred",
        Reason = "woocommerce: POST /orders answered 401.",
        Attempts = 5,
        OccurredAt = new DateTimeOffset(2025, 7, 1, 10, 20, 0, TimeSpan.Zero),
    };
}
