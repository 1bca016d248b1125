using System.Text;
using System.Xml.Linq;
using Azure.Core;
using OrderFunctions.Storage.Connection;
using OrderFunctions.Storage.Pipeline;
using OrderFunctions.Storage.Queues;
using OrderFunctions.Testing.Azurite;

namespace OrderFunctions.Storage.Tests.Queues;

public sealed class QueueMessageEncodingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Body = "{\"order\":\"bol-42\",\"city\":\"Zürich <&>\"}";

    [Fact]
    public async Task Base64EncodingStoresBase64OfUtf8OnTheWire()
    {
        var queue = await azurite.CreateQueueAsync();

        await queue.SendMessageAsync(Body);
        var (rawXml, messageText) = await PeekRawAsync(queue.Name);

        Assert.Equal(QueueMessageEncoding.Base64, queue.Encoding);
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes(Body)), messageText);
        Assert.DoesNotContain("order", rawXml, StringComparison.Ordinal);
        Assert.Equal(Body, Assert.Single(await queue.PeekMessagesAsync()).Body);
    }

    [Fact]
    public async Task NoneEncodingStoresTheTextXmlEscaped()
    {
        var queue = await azurite.CreateQueueAsync(options: new StorageClientOptions { MessageEncoding = QueueMessageEncoding.None });

        await queue.SendMessageAsync(Body);
        var (rawXml, messageText) = await PeekRawAsync(queue.Name);

        Assert.Equal(Body, messageText);
        Assert.Contains("&lt;&amp;&gt;", rawXml, StringComparison.Ordinal);
        Assert.Equal(Body, Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30))).Body);
    }

    [Fact]
    public async Task UndecodableMessageIsReportedWithWhatAPollerNeedsToMoveItAside()
    {
        var writer = await azurite.CreateQueueAsync(options: new StorageClientOptions { MessageEncoding = QueueMessageEncoding.None });
        var reader = azurite.Connection.CreateQueueServiceClient().GetQueueClient(writer.Name);
        var sent = await writer.SendMessageAsync("not base64 at all!");

        var peeked = await Assert.ThrowsAsync<QueueMessageDecodingException>(() => reader.PeekMessagesAsync());
        var received = await Assert.ThrowsAsync<QueueMessageDecodingException>(() => reader.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(1)));
        await reader.DeleteMessageAsync(received.MessageId, received.PopReceipt!);

        Assert.Equal(sent.MessageId, peeked.MessageId);
        Assert.Null(peeked.PopReceipt);
        Assert.Contains("messageEncoding", peeked.Message, StringComparison.Ordinal);
        Assert.Equal(("not base64 at all!", 1), (received.RawText, received.DequeueCount));
        Assert.Equal(0, await reader.GetApproximateMessageCountAsync());
    }

    /// <summary>A hand-made Peek Messages request (only the signer is ours): the XML exactly as the service stores it.</summary>
    private async Task<(string RawXml, string MessageText)> PeekRawAsync(string queueName)
    {
        var connection = azurite.Connection;
        var pipeline = StoragePipeline.Build(new StorageClientOptions(), StorageService.Queue, new QueueSharedKeyPolicy(connection.SharedKey!));
        using var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Get;
        message.Request.Uri.Reset(new Uri($"{connection.QueueServiceUri}/{queueName}/messages?peekonly=true"));
        await pipeline.SendAsync(message, CancellationToken.None);
        Assert.Equal(200, message.Response.Status);
        var rawXml = message.Response.Content.ToString();
        var text = XDocument.Parse(rawXml).Root!.Element("QueueMessage")!.Element("MessageText")!.Value;
        return (rawXml, text);
    }
}
