using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using OrderFunctions.App.Notifications.Email;
using OrderFunctions.App.Notifications.Files;
using OrderFunctions.App.Notifications.Rendering;
using OrderFunctions.App.Tests.Notifications.Support;

namespace OrderFunctions.App.Tests.Notifications.Files;

public sealed class FileEmailSenderTests : IDisposable
{
    private static readonly EmailAddress From = new("DoNotReply@orders.example.com", "OrderFunctions");

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "of-mail-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task WritesAStandardEmlWithHeadersAndPlainAndHtmlAlternatives()
    {
        var message = TestMessages.Email();

        var document = EmlDocument.Parse(await SendAndReadAsync(message));

        Assert.Equal("Tue, 01 Jul 2025 10:15:00 +0000", document.Header("Date"));
        Assert.Equal("\"OrderFunctions\" <DoNotReply@orders.example.com>", document.Header("From"));
        Assert.Equal("Ayşe Yılmaz <merchant@example.com>", EmlDocument.DecodeWords(document.Header("To")));
        Assert.Equal(message.Subject, document.Header("Subject"));
        Assert.Matches("^<[0-9a-f]{32}@orders\\.example\\.com>$", document.Header("Message-ID"));
        Assert.Equal("1.0", document.Header("MIME-Version"));
        Assert.StartsWith("multipart/alternative;", document.Header("Content-Type"), StringComparison.Ordinal);

        var parts = document.Parts();
        Assert.Equal(2, parts.Count);
        Assert.StartsWith("text/plain; charset=utf-8", parts[0].Header("Content-Type"), StringComparison.Ordinal);
        Assert.StartsWith("text/html; charset=utf-8", parts[1].Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal(message.PlainText.ReplaceLineEndings("\r\n"), parts[0].DecodedBody());
        Assert.Equal(message.Html, parts[1].DecodedBody());
    }

    [Fact]
    public async Task EveryLineIsSevenBitAndWithinTheLengthLimit()
    {
        var text = await SendAndReadAsync(TestMessages.Email(subject: new string('ş', 200) + " and a long tail of plain words to fold"));

        Assert.All(text.Split("\r\n"), line =>
        {
            Assert.True(line.Length <= 998, $"Line of {line.Length} characters.");
            Assert.All(line, c => Assert.InRange(c, (char)1, (char)127));
        });
    }

    [Fact]
    public async Task NonAsciiSubjectIsEncodedAndDecodesBackExactly()
    {
        var subject = "[OrderFunctions] 3 new orders on Trendyol → Şık Mağaza (10:00–10:15 UTC) 😀";

        var document = EmlDocument.Parse(await SendAndReadAsync(TestMessages.Email(subject: subject)));

        Assert.StartsWith("=?utf-8?B?", document.Header("Subject"), StringComparison.Ordinal);
        Assert.Equal(subject, EmlDocument.DecodeWords(document.Header("Subject")));
    }

    [Fact]
    public async Task LineBreaksInASubjectCannotInjectHeaders()
    {
        var text = await SendAndReadAsync(TestMessages.Email(subject: "Hello\r\nBcc: attacker@example.com\nX-Evil: 1"));

        var document = EmlDocument.Parse(text);
        Assert.DoesNotContain(document.Headers, h => h.Key is "Bcc" or "X-Evil");
        Assert.Contains("Bcc: attacker@example.com", EmlDocument.DecodeWords(document.Header("Subject")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedeliveredMessageOverwritesItsFileInsteadOfAddingOne()
    {
        var sender = SenderUnderTest();
        await sender.SendAsync(TestMessages.Email(subject: "first"), CancellationToken.None);
        await sender.SendAsync(TestMessages.Email(subject: "second"), CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(_folder));
        Assert.Equal("second", EmlDocument.Parse(await File.ReadAllTextAsync(file)).Header("Subject"));
    }

    [Fact]
    public async Task DifferentMessagesGetDifferentReadableFileNames()
    {
        var sender = SenderUnderTest();
        await sender.SendAsync(TestMessages.Email(id: "new-orders:demo:20250701T1000Z"), CancellationToken.None);
        await sender.SendAsync(TestMessages.Email(id: "new-orders:demo:20250701T1015Z"), CancellationToken.None);

        var names = Directory.GetFiles(_folder).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(2, names.Count);
        Assert.All(names, n => Assert.Matches(new Regex("^new-orders-demo-20250701t10(00|15)z-[0-9a-f]{32}\\.eml$"), n));
    }

    [Fact]
    public void FileNameIsStableAndSafeForAnyMessageId()
    {
        Assert.Equal(FileEmailSender.FileNameFor("order-error:demo:../../etc/passwd"), FileEmailSender.FileNameFor("order-error:demo:../../etc/passwd"));
        Assert.Matches("^order-error-demo-etc-passwd-[0-9a-f]{32}\\.eml$", FileEmailSender.FileNameFor("order-error:demo:../../etc/passwd"));
        Assert.Matches("^[0-9a-f]{32}\\.eml$", FileEmailSender.FileNameFor("::"));
        Assert.NotEqual(FileEmailSender.FileNameFor("a:b"), FileEmailSender.FileNameFor("a/b"));
    }

    [Fact]
    public async Task RenderedErrorMailRoundTripsThroughTheFile()
    {
        var renderer = new NotificationRenderer(new OperatorLinks(null));
        var mail = renderer.RenderOrderError(
            new OrderErrorNotice
            {
                Id = "demo:80869231|error|7",
                IntegrationId = "demo",
                IntegrationName = "Trendyol → Şık Mağaza",
                MarketplaceOrderId = "80869231",
                Kind = OrderErrorKind.Failed,
                State = "Failed",
                FailedFrom = "Transferred",
                Reason = "shop rejected customer <img src=x onerror=alert(1)>",
                Attempts = 5,
                OccurredAt = new DateTimeOffset(2025, 7, 1, 10, 20, 0, TimeSpan.Zero),
            },
            [new EmailAddress("merchant@example.com")]);

        var document = EmlDocument.Parse(await SendAndReadAsync(mail));

        Assert.Equal(mail.Subject, EmlDocument.DecodeWords(document.Header("Subject")));
        var parts = document.Parts();
        Assert.Equal(mail.PlainText.ReplaceLineEndings("\r\n"), parts[0].DecodedBody());
        Assert.Equal(mail.Html.ReplaceLineEndings("\r\n"), parts[1].DecodedBody());
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", parts[1].DecodedBody(), StringComparison.Ordinal);
    }

    private FileEmailSender SenderUnderTest() => new(_folder, From, NullLogger<FileEmailSender>.Instance);

    private async Task<string> SendAndReadAsync(EmailMessage message)
    {
        await SenderUnderTest().SendAsync(message, CancellationToken.None);
        return await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(_folder)));
    }
}
