using System.Text.Json;
using Microsoft.Extensions.Logging;
using OrderFunctions.Hosting.Definitions;
using OrderFunctions.Hosting.Tests.Standalone.Fakes;
using OrderFunctions.Storage.Connection;
using OrderFunctions.Storage.Queues;
using OrderFunctions.Testing;
using OrderFunctions.Testing.Azurite;

namespace OrderFunctions.Hosting.Tests.Standalone.Queues;

/// <summary>The queue trigger on real storage (Azurite), through the storage QueueClient and the connection
/// resolution the host uses. visibilityTimeout 1 s and maxDequeueCount 3 keep the retries short.</summary>
public sealed class AzuriteQueueListenerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string FastRetries = "\"maxPollingInterval\": \"00:00:00.2\", \"visibilityTimeout\": \"00:00:01\", \"maxDequeueCount\": 3";

    private readonly string _queueName = UniqueName.Queue("orders");

    private FunctionDefinition[] ProcessOrder => [new("ProcessOrder", new QueueTrigger(_queueName, StandaloneHarness.StorageConnectionName))];

    private QueueClient Queue(string name, QueueMessageEncoding encoding = QueueMessageEncoding.Base64) =>
        StorageConnection.FromConnectionString(azurite.ConnectionString)
            .CreateQueueServiceClient(new StorageClientOptions { MessageEncoding = encoding })
            .GetQueueClient(name);

    private HarnessOptions Options(string queues = FastRetries, TimeSpan? lease = null) => new()
    {
        StorageConnectionString = azurite.ConnectionString,
        Queues = queues,
        MessageLease = lease ?? TimeSpan.FromMinutes(10),
    };

    /// <summary>Creates the queue first: the listener may not have created it yet.</summary>
    private async Task<SendReceipt> SendAsync(string text, QueueMessageEncoding encoding = QueueMessageEncoding.Base64)
    {
        var queue = Queue(_queueName, encoding);
        await queue.CreateIfNotExistsAsync();
        return await queue.SendMessageAsync(text);
    }

    /// <summary>The poison queue's messages; none while it does not exist yet.</summary>
    private async Task<IReadOnlyList<PeekedQueueMessage>> PoisonAsync(QueueMessageEncoding encoding = QueueMessageEncoding.Base64)
    {
        try
        {
            return await Queue(_queueName + "-poison", encoding).PeekMessagesAsync(32);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
    }

    private static string Msg(RecordedRequest request) => request.Json.GetProperty("Data").GetProperty("msg").GetString()!;

    private static string DequeueCount(RecordedRequest request) => request.Json.GetProperty("Metadata").GetProperty("DequeueCount").GetString()!;

    [Fact]
    public async Task UnconfiguredConnectionFailsStartNamingIt()
    {
        FunctionDefinition[] functions = [new("ProcessOrder", new QueueTrigger(_queueName, "MissingStorage"))];

        var error = await Assert.ThrowsAsync<OrderFunctions.Hosting.Standalone.StandaloneConfigurationException>(() => StandaloneHarness.StartAsync(functions, Options()));

        Assert.Contains("'MissingStorage'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartupSummaryNamesTheQueueAndItsAccountWithoutTheKey()
    {
        await using var harness = await StandaloneHarness.StartAsync(ProcessOrder, Options());

        Assert.Contains(harness.Logs.Lines, l => l.Message.Contains($"ProcessOrder: queueTrigger on '{_queueName}' via connection 'OrdersStorage'", StringComparison.Ordinal));
        Assert.DoesNotContain(AzuriteInstance.AccountKey, harness.AllLogText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SuccessDeletesTheMessage()
    {
        await using var harness = await StandaloneHarness.StartAsync(ProcessOrder, Options());
        var queue = Queue(_queueName);
        var receipt = await SendAsync("""{"orderId":42}""");

        var request = await harness.Handler.WaitForRequestAsync();

        Assert.Equal("\"{\\\"orderId\\\":42}\"", Msg(request));
        Assert.Equal($"\"{receipt.MessageId}\"", request.Json.GetProperty("Metadata").GetProperty("Id").GetString());
        Assert.Equal("1", DequeueCount(request));
        await Eventually.TrueAsync(async () => (await queue.PeekMessagesAsync(1)).Count == 0 && (await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1))).Count == 0, "the message is deleted");
    }

    [Theory]
    [InlineData("base64", QueueMessageEncoding.Base64)]
    [InlineData("none", QueueMessageEncoding.None)]
    public async Task MessagePutByTheStorageClientArrivesDecoded(string hostEncoding, QueueMessageEncoding clientEncoding)
    {
        await using var harness = await StandaloneHarness.StartAsync(ProcessOrder, Options(FastRetries + $", \"messageEncoding\": \"{hostEncoding}\""));
        const string Text = """{"customer":"Çağrı Öztürk","note":"<b>&amp;</b> 100%"}""";

        await SendAsync(Text, clientEncoding);
        var request = await harness.Handler.WaitForRequestAsync();

        Assert.Equal(Text, JsonSerializer.Deserialize<string>(Msg(request)));
    }

    [Fact]
    public async Task FailureRetriesAfterVisibilityTimeoutThenLandsInPoisonWithTheOriginalText()
    {
        var options = Options() with { Respond = (_, _) => Task.FromResult(FakeReply.Fail(500)) };
        await using var harness = await StandaloneHarness.StartAsync(ProcessOrder, options);
        const string Text = """{"orderId":7,"step":"transfer"}""";
        await SendAsync(Text);

        var requests = await harness.Handler.WaitForRequestsAsync(3);
        await Eventually.TrueAsync(async () => (await PoisonAsync()).Count == 1, "the message lands in the poison queue");

        Assert.Equal(["1", "2", "3"], requests.Select(DequeueCount));
        Assert.Equal(3, harness.Handler.Requests.Count);
        Assert.All(requests.Zip(requests.Skip(1)), pair => Assert.True(pair.Second.ReceivedAt - pair.First.ReceivedAt >= TimeSpan.FromSeconds(0.9), "retried only after visibilityTimeout"));
        Assert.Equal(Text, Assert.Single(await PoisonAsync()).Body);
        Assert.Empty(await Queue(_queueName).PeekMessagesAsync(32));
        Assert.Contains(harness.Logs.Lines, l => l.Level == LogLevel.Error && l.Message.Contains($"moved to '{_queueName}-poison'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UndecodableMessageGoesToPoisonAsStoredAndTheRestOfItsBatchIsProcessed()
    {
        // Sent before the runtime starts, so all three arrive in one receive.
        const string NotBase64 = "raw text {\"orderId\":13} in a base64 queue";
        await SendAsync("""{"orderId":12}""");
        var bad = await SendAsync(NotBase64, QueueMessageEncoding.None);
        await SendAsync("""{"orderId":14}""");

        await using var harness = await StandaloneHarness.StartAsync(ProcessOrder, Options());
        var requests = await harness.Handler.WaitForRequestsAsync(2);
        await Eventually.TrueAsync(async () => (await PoisonAsync(QueueMessageEncoding.None)).Count == 1, "the undecodable message lands in the poison queue");

        Assert.Equal(["{\"orderId\":12}", "{\"orderId\":14}"], requests.Select(r => JsonSerializer.Deserialize<string>(Msg(r))).Order());
        var poisoned = Assert.Single(await PoisonAsync(QueueMessageEncoding.None));
        Assert.Equal(NotBase64, poisoned.Body);
        await Eventually.TrueAsync(async () => (await Queue(_queueName).GetApproximateMessageCountAsync()) == 0, "the good messages are deleted");
        Assert.Contains(harness.Logs.Lines, l => l.Level == LogLevel.Error && l.Message.Contains(bad.MessageId, StringComparison.Ordinal) && l.Message.Contains($"'{_queueName}'", StringComparison.Ordinal));
        Assert.DoesNotContain("raw text", harness.AllLogText, StringComparison.Ordinal);
        Assert.Equal(2, harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task QueueVanishingUnderTheListenerIsCreatedAgainAndPollingGoesOn()
    {
        await using var harness = await StandaloneHarness.StartAsync(ProcessOrder, Options());
        var queue = Queue(_queueName);
        await SendAsync("before");
        await harness.Handler.WaitForRequestAsync();

        // What an in-memory Azurite restart does to every queue.
        await queue.DeleteIfExistsAsync();
        await Eventually.TrueAsync(() => harness.Logs.Lines.Any(l => l.Message.Contains($"could not poll queue '{_queueName}'", StringComparison.Ordinal)), "a poll fails");
        await Eventually.TrueAsync(
            async () =>
            {
                try
                {
                    await queue.GetApproximateMessageCountAsync();
                    return true;
                }
                catch (Azure.RequestFailedException e) when (e.Status == 404)
                {
                    return false;
                }
            },
            "the listener creates the queue again");
        await queue.SendMessageAsync("after");

        var after = await harness.Handler.WaitForRequestAsync(r => Msg(r) == "\"after\"");
        Assert.Equal("1", DequeueCount(after));
        Assert.DoesNotContain(harness.Logs.Lines, l => l.Message.Contains("stopped unexpectedly", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HandlerDownLandsTheMessageInPoisonAfterMaxDequeueCount()
    {
        await using var harness = await StandaloneHarness.StartAsync(ProcessOrder, Options());
        await harness.Handler.DisposeAsync();
        await SendAsync("nobody home");

        await Eventually.TrueAsync(async () => (await PoisonAsync()).Count == 1, "the message lands in the poison queue");

        Assert.Equal("nobody home", Assert.Single(await PoisonAsync()).Body);
    }

    [Fact]
    public async Task MessagePastMaxDequeueCountOnReceiveGoesToPoisonWithoutInvoking()
    {
        var queue = Queue(_queueName);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("tried too often");
        for (var attempt = 0; attempt < 3; attempt++)
        {
            // Three deliveries that never settled, as from hosts that crashed mid-invocation.
            var received = Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(1)));
            await queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, TimeSpan.Zero);
        }

        await using var harness = await StandaloneHarness.StartAsync(ProcessOrder, Options());
        await Eventually.TrueAsync(async () => (await PoisonAsync()).Count == 1, "the message lands in the poison queue");

        Assert.Empty(harness.Handler.Requests);
        Assert.Equal("tried too often", Assert.Single(await PoisonAsync()).Body);
    }

    [Fact]
    public async Task MessageOfAKilledConsumerReappearsWhenItsLeaseEndsAndIsProcessedOnceMore()
    {
        // A consumer took the message under a 2-second lease and died before settling it: no renewal, no delete.
        var queue = Queue(_queueName);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("interrupted");
        var taken = Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(2)));

        await using var harness = await StandaloneHarness.StartAsync(ProcessOrder, Options(lease: TimeSpan.FromSeconds(2)));
        var request = await harness.Handler.WaitForRequestAsync();

        Assert.Equal("2", DequeueCount(request));
        Assert.Equal($"\"{taken.MessageId}\"", request.Json.GetProperty("Metadata").GetProperty("Id").GetString());
        await Eventually.TrueAsync(async () => (await queue.GetApproximateMessageCountAsync()) == 0, "the message is deleted after it ran");
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task RuntimeStoppedMidInvocationPutsTheMessageBackForTheNextStart()
    {
        var hanging = Options(lease: TimeSpan.FromSeconds(30)) with
        {
            DrainTimeout = TimeSpan.FromMilliseconds(300),
            Respond = async (_, cancel) =>
            {
                await Task.Delay(Timeout.Infinite, cancel);
                return FakeReply.Ok;
            },
        };
        await using (var first = await StandaloneHarness.StartAsync(ProcessOrder, hanging))
        {
            await SendAsync("resume me");
            await first.Handler.WaitForRequestAsync();
        }

        await using var second = await StandaloneHarness.StartAsync(ProcessOrder, Options());
        var request = await second.Handler.WaitForRequestAsync();

        Assert.Equal("\"resume me\"", Msg(request));
        Assert.Equal("2", DequeueCount(request));
    }

    [Fact]
    public async Task LeaseIsRenewedSoALongInvocationIsNotDeliveredTwice()
    {
        var slow = Options(lease: TimeSpan.FromSeconds(2)) with
        {
            Respond = async (_, cancel) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(5), cancel);
                return FakeReply.Ok;
            },
        };
        await using var harness = await StandaloneHarness.StartAsync(ProcessOrder, slow);
        var queue = Queue(_queueName);
        await SendAsync("long job");

        await harness.Handler.WaitForRequestAsync();
        await Eventually.TrueAsync(async () => (await queue.GetApproximateMessageCountAsync()) == 0, "the message is deleted after the long invocation");

        Assert.Single(harness.Handler.Requests);
    }
}
