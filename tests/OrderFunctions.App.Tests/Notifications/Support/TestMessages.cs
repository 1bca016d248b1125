using OrderFunctions.App.Notifications.Email;

namespace OrderFunctions.App.Tests.Notifications.Support;

internal static class TestMessages
{
    public static EmailMessage Email(string id = "new-orders:demo:20250701T1000Z", string subject = "[OrderFunctions] 2 new orders") => new()
    {
        Id = id,
        CreatedAt = new DateTimeOffset(2025, 7, 1, 10, 15, 0, TimeSpan.Zero),
        To = [new EmailAddress("merchant@example.com", "Ayşe Yılmaz")],
        Subject = subject,
        PlainText = "2 new orders.\nOrder 80869231 — 149.90 TRY",
        Html = "<p>2 new orders.</p>",
    };
}
