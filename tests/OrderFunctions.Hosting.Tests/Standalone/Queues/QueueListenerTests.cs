using System.Text.Json;
using Microsoft.Extensions.Logging;
using OrderFunctions.Hosting.Definitions;
using OrderFunctions.Hosting.Tests.Standalone.Fakes;

namespace OrderFunctions.Hosting.Tests.Standalone.Queues;

/// <summary>The listener's logic on an in-memory queue (the Azurite tests run the same scenarios on real storage).
/// Harness defaults: maxPollingInterval 200 ms, visibilityTimeout 0, maxDequeueCount 3.</summary>
public sealed class QueueListenerTests
{
    private static readonly FunctionDefinition[] ProcessOrder = [new("ProcessOrder", new QueueTrigger("orders", "OrdersStorage"))];

    [Fact]
    public async Task MessageArrivesWithTheHostsPayloadAndIsDeletedOnSuccess()
    {
        await using var harness = await StandaloneHarness.StartAsync(ProcessOrder);
        var queue = harness.Queues["orders"];
        var id = queue.Enqueue("""{"orderId":42}""");

        var request = await harness.Handler.WaitForRequestAsync();

        Assert.Equal("/ProcessOrder", request.Path);
        Assert.Equal("application/json; charset=utf-8", request.Header("Content-Type"));
        var msg = request.Json.GetProperty("Data").GetProperty("msg").GetString()!;
        Assert.Equal("\"{\\\"orderId\\\":42}\"", msg);
        var metadata = request.Json.GetProperty("Metadata");
        Assert.Equal("1", metadata.GetProperty("DequeueCount").GetString());
        Assert.Equal($"\"{id}\"", metadata.GetProperty("Id").GetString());
        Assert.StartsWith("\"", metadata.GetProperty("PopReceipt").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.String, metadata.GetProperty("InsertionTime").ValueKind);
        Assert.True(metadata.GetProperty("NextVisibleTime").GetDateTimeOffset() > metadata.GetProperty("InsertionTime").GetDateTimeOffset());
        Assert.Equal("ProcessOrder", metadata.GetProperty("sys").GetProperty("MethodName").GetString());

        await Eventually.TrueAsync(() => queue.Count == 0, "the message is deleted");
        Assert.Contains($"delete:{id}", queue.Operations);
        Assert.True(queue.Exists);
    }

    [Fact]
    public async Task FailedMessageIsRetriedThenMovedToPoisonWithItsOriginalText()
    {
        await using var harness = await StandaloneHarness.StartAsync(ProcessOrder);
        harness.Handler.Respond = (_, _) => Task.FromResult(FakeReply.Fail(500));
        const string Text = """{"orderId":7,"name":"Ünïcode & <tags>"}""";
        var id = harness.Queues["orders"].Enqueue(Text);

        var requests = await harness.Handler.WaitForRequestsAsync(3);
        await Eventually.TrueAsync(() => harness.Queues["orders-poison"].Count == 1, "the message lands in orders-poison");

        Assert.Equal(["1", "2", "3"], requests.Select(r => r.Json.GetProperty("Metadata").GetProperty("DequeueCount").GetString()));
        Assert.Equal(3, harness.Handler.Requests.Count);
        Assert.Equal(3, harness.Queues["orders"].Operations.Count(op => op == $"receive:{id}")); // poisoned on the 3rd failure itself
        Assert.Equal([Text], harness.Queues["orders-poison"].Bodies);
        Assert.Equal(0, harness.Queues["orders"].Count);
        Assert.Contains(harness.Logs.Lines, l => l.Level == LogLevel.Error && l.Message.Contains("moved to 'orders-poison'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FailedMessageStaysHiddenForTheVisibilityTimeout()
    {
        var options = new HarnessOptions { Queues = "\"maxPollingInterval\": \"00:00:00.2\", \"visibilityTimeout\": \"00:00:30\"" };
        await using var harness = await StandaloneHarness.StartAsync(ProcessOrder, options);
        harness.Handler.Respond = (_, _) => Task.FromResult(FakeReply.Fail(503));
        var queue = harness.Queues["orders"];
        var id = queue.Enqueue("retry me");

        await harness.Handler.WaitForRequestAsync();
        await Eventually.TrueAsync(() => queue.Operations.Contains($"update:{id}:30"), "the message is released for visibilityTimeout");

        Assert.False(queue.IsVisible(id));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public async Task HandlerDownMovesTheMessageToPoisonAfterMaxDequeueCount()
    {
        await using var harness = await StandaloneHarness.StartAsync(ProcessOrder);
        await harness.Handler.DisposeAsync();
        harness.Queues["orders"].Enqueue("nobody home");

        await Eventually.TrueAsync(() => harness.Queues["orders-poison"].Count == 1, "the message lands in orders-poison");

        Assert.Equal(3, harness.Logs.Lines.Count(l => l.Level == LogLevel.Error && l.Message.Contains("handler unreachable", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task MessagePastMaxDequeueCountOnReceiveGoesToPoisonWithoutInvoking()
    {
        await using var harness = await StandaloneHarness.StartAsync(ProcessOrder);
        harness.Queues["orders"].Enqueue("tried too often", dequeueCount: 3);

        await Eventually.TrueAsync(() => harness.Queues["orders-poison"].Count == 1, "the message lands in orders-poison");

        Assert.Empty(harness.Handler.Requests);
        Assert.Equal(["tried too often"], harness.Queues["orders-poison"].Bodies);
    }

    [Theory]
    [InlineData("not base64 at all {\"orderId\":13}")]
    [InlineData("//79")] // base64 of bytes that are not UTF-8
    public async Task UndecodableMessageGoesToPoisonAsStoredWhileItsBatchIsProcessed(string storedText)
    {
        await using var harness = await StandaloneHarness.StartAsync(ProcessOrder);
        var queue = harness.Queues["orders"];
        queue.Enqueue("before");
        var bad = queue.EnqueueStoredText(storedText);
        queue.Enqueue("after");

        var requests = await harness.Handler.WaitForRequestsAsync(2);
        await Eventually.TrueAsync(() => harness.Queues["orders-poison"].Count == 1 && queue.Count == 0, "the bad message is poisoned and the good ones deleted");

        Assert.Equal(["\"after\"", "\"before\""], requests.Select(r => r.Json.GetProperty("Data").GetProperty("msg").GetString()).Order());
        Assert.Equal([storedText], harness.Queues["orders-poison"].StoredTexts);
        Assert.Single(queue.Operations, op => op == $"receive:{bad}");
        var line = Assert.Single(harness.Logs.Lines, l => l.Message.Contains("not valid text for messageEncoding", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Error, line.Level);
        Assert.Contains(bad, line.Message, StringComparison.Ordinal);
        Assert.Contains("'orders'", line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(storedText, harness.AllLogText, StringComparison.Ordinal);
        Assert.Equal(2, harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task StorageFailingToReceiveIsLoggedAndPollingGoesOn()
    {
        await using var harness = await StandaloneHarness.StartAsync(ProcessOrder);
        var queue = harness.Queues["orders"];
        queue.FailNext("receive", 3);
        queue.Enqueue("after the outage");

        await harness.Handler.WaitForRequestAsync();
        await Eventually.TrueAsync(() => queue.Count == 0, "the message is deleted");

        Assert.Equal(3, queue.FaultsThrown);
        Assert.Equal(3, harness.Logs.Lines.Count(l => l.Level == LogLevel.Warning && l.Message.Contains("could not poll queue 'orders'", StringComparison.Ordinal)));
        Assert.DoesNotContain(harness.Logs.Lines, l => l.Message.Contains("stopped unexpectedly", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeleteFailingAfterSuccessIsRetriedSoTheMessageIsNotRunAgain()
    {
        await using var harness = await StandaloneHarness.StartAsync(ProcessOrder);
        var queue = harness.Queues["orders"];
        queue.FailNext("delete", 2);
        var id = queue.Enqueue("run me once");

        await harness.Handler.WaitForRequestAsync();
        await Eventually.TrueAsync(() => queue.Count == 0, "the message is deleted despite two failed deletes");

        Assert.Equal(2, queue.FaultsThrown);
        Assert.Single(queue.Operations, op => op == $"delete:{id}");
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task ReleaseFailingAfterAFailureIsRetriedSoTheRetryComesAfterVisibilityTimeoutNotTheLease()
    {
        await using var harness = await StandaloneHarness.StartAsync(ProcessOrder, new HarnessOptions { Respond = (_, _) => Task.FromResult(FakeReply.Fail(500)) });
        var queue = harness.Queues["orders"];
        queue.FailNext("update", 1);
        queue.Enqueue("fail me");

        // visibilityTimeout is 0: with the release retried, attempt 2 follows at once instead of after the 10-minute lease.
        await harness.Handler.WaitForRequestsAsync(2);

        Assert.Equal(1, queue.FaultsThrown);
    }

    [Fact]
    public async Task PoisonQueueFailingIsRetriedAndTheMessageStillLandsThere()
    {
        await using var harness = await StandaloneHarness.StartAsync(ProcessOrder);
        harness.Queues["orders-poison"].FailNext("send", 2);
        harness.Queues["orders"].Enqueue("tried too often", dequeueCount: 3);

        await Eventually.TrueAsync(() => harness.Queues["orders-poison"].Count == 1 && harness.Queues["orders"].Count == 0, "the message is moved to orders-poison");

        Assert.Equal(["tried too often"], harness.Queues["orders-poison"].Bodies);
        Assert.Empty(harness.Handler.Requests);
    }

    [Fact]
    public async Task RenewalFailingOnceDoesNotLetALongInvocationRunTwice()
    {
        await using var harness = await StandaloneHarness.StartAsync(ProcessOrder, new HarnessOptions { MessageLease = TimeSpan.FromSeconds(3) });
        harness.Handler.Respond = async (_, cancel) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(4), cancel);
            return FakeReply.Ok;
        };
        var queue = harness.Queues["orders"];
        queue.FailNext("update", 1);
        queue.Enqueue("long job");

        await Eventually.TrueAsync(() => queue.Count == 0, "the message is deleted after the long invocation");

        Assert.Equal(1, queue.FaultsThrown);
        Assert.Single(harness.Handler.Requests);
        Assert.Contains(harness.Logs.Lines, l => l.Message.Contains("lease renewal failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HandlerNeverAnsweringFailsEachAttemptAtFunctionTimeoutUntilPoison()
    {
        var options = new HarnessOptions { HostJsonExtra = "\"functionTimeout\": \"00:00:00.5\"" };
        await using var harness = await StandaloneHarness.StartAsync(ProcessOrder, options);
        harness.Handler.Respond = async (_, cancel) =>
        {
            await Task.Delay(Timeout.Infinite, cancel);
            return FakeReply.Ok;
        };
        harness.Queues["orders"].Enqueue("hangs");

        await Eventually.TrueAsync(() => harness.Queues["orders-poison"].Count == 1, "the message lands in orders-poison");

        Assert.Equal(["1", "2", "3"], harness.Handler.Requests.Select(r => r.Json.GetProperty("Metadata").GetProperty("DequeueCount").GetString()));
        Assert.Equal(0, harness.Queues["orders"].Count);
    }

    [Fact]
    public async Task InvocationOutlivingFunctionTimeoutFails()
    {
        var options = new HarnessOptions { HostJsonExtra = "\"functionTimeout\": \"00:00:01\"" };
        await using var harness = await StandaloneHarness.StartAsync(ProcessOrder, options);
        harness.Handler.Respond = async (_, cancel) =>
        {
            await Task.Delay(Timeout.Infinite, cancel);
            return FakeReply.Ok;
        };
        var id = harness.Queues["orders"].Enqueue("slow");

        await Eventually.TrueAsync(() => harness.Queues["orders"].Operations.Contains($"update:{id}:0"), "the message is released as failed");

        Assert.Contains(harness.Logs.Lines, l => l.Level == LogLevel.Error && l.Message.Contains("timed out after functionTimeout 00:00:01", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LeaseIsRenewedWhileAnInvocationOutlivesHalfOfIt()
    {
        await using var harness = await StandaloneHarness.StartAsync(ProcessOrder, new HarnessOptions { MessageLease = TimeSpan.FromSeconds(2) });
        harness.Handler.Respond = async (_, cancel) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(3), cancel);
            return FakeReply.Ok;
        };
        var queue = harness.Queues["orders"];
        var id = queue.Enqueue("long job");

        await Eventually.TrueAsync(() => queue.Count == 0, "the message is deleted after the long invocation");

        var operations = queue.Operations;
        Assert.Single(operations, op => op == $"receive:{id}");
        Assert.Contains($"update:{id}:2", operations);
        Assert.True(operations.ToList().IndexOf($"update:{id}:2") < operations.ToList().IndexOf($"delete:{id}"));
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task ConcurrencyIsBoundedByBatchSizePlusNewBatchThreshold()
    {
        var options = new HarnessOptions { Queues = "\"maxPollingInterval\": \"00:00:00.2\", \"batchSize\": 2, \"newBatchThreshold\": 1" };
        await using var harness = await StandaloneHarness.StartAsync(ProcessOrder, options);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Handler.Respond = async (request, cancel) =>
        {
            var body = request.Json.GetProperty("Data").GetProperty("msg").GetString();
            await (body == "\"m0\"" ? releaseFirst.Task.WaitAsync(cancel) : Task.Delay(200, cancel));
            return FakeReply.Ok;
        };
        var queue = harness.Queues["orders"];
        for (var i = 0; i < 8; i++)
        {
            queue.Enqueue($"m{i}");
        }

        await Eventually.TrueAsync(() => queue.Count == 1, "all but the held message are processed");
        releaseFirst.SetResult();
        await Eventually.TrueAsync(() => queue.Count == 0, "the held message is processed");

        Assert.Equal(3, harness.Handler.MaxConcurrentRequests);
    }

    [Fact]
    public async Task StopLetsInFlightInvocationsFinish()
    {
        await using var harness = await StandaloneHarness.StartAsync(ProcessOrder);
        harness.Handler.Respond = async (_, cancel) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancel);
            return FakeReply.Ok;
        };
        var queue = harness.Queues["orders"];
        var id = queue.Enqueue("finish me");
        await harness.Handler.WaitForRequestAsync();

        await harness.Runtime.StopAsync(CancellationToken.None);

        Assert.Equal(0, queue.Count);
        Assert.Contains($"delete:{id}", queue.Operations);
    }

    [Fact]
    public async Task StopCutsShortInvocationsAfterTheDrainTimeoutAndPutsTheirMessagesBack()
    {
        await using var harness = await StandaloneHarness.StartAsync(ProcessOrder, new HarnessOptions { DrainTimeout = TimeSpan.FromMilliseconds(300) });
        harness.Handler.Respond = async (_, cancel) =>
        {
            await Task.Delay(Timeout.Infinite, cancel);
            return FakeReply.Ok;
        };
        var queue = harness.Queues["orders"];
        var id = queue.Enqueue("unfinished");
        await harness.Handler.WaitForRequestAsync();

        await harness.Runtime.StopAsync(CancellationToken.None);

        Assert.True(queue.IsVisible(id));
        Assert.Contains($"update:{id}:0", queue.Operations);
        Assert.DoesNotContain($"delete:{id}", queue.Operations);
        Assert.Equal(0, harness.Queues["orders-poison"].Count);
    }
}
