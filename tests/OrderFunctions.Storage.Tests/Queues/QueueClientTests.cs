using Azure;
using OrderFunctions.Storage.Queues;
using OrderFunctions.Storage.Tests.Support;
using OrderFunctions.Testing.Azurite;

namespace OrderFunctions.Storage.Tests.Queues;

public sealed class QueueClientTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task SentMessageIsReceivedWithItsBodyAndDeleted()
    {
        var queue = await azurite.CreateQueueAsync();

        var receipt = await queue.SendMessageAsync("{\"order\":\"TY-1\",\"note\":\"<&>\"}");
        var received = Assert.Single(await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30)));
        await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt);

        Assert.Equal(receipt.MessageId, received.MessageId);
        Assert.Equal("{\"order\":\"TY-1\",\"note\":\"<&>\"}", received.Body);
        Assert.Equal(1, received.DequeueCount);
        Assert.True(received.NextVisibleOn > received.InsertedOn);
        Assert.Equal(0, await queue.GetApproximateMessageCountAsync());
    }

    [Fact]
    public async Task VisibilityDelayHidesTheMessageUntilDue()
    {
        var queue = await azurite.CreateQueueAsync();

        var receipt = await queue.SendMessageAsync("timer", visibilityDelay: TimeSpan.FromSeconds(2));
        var before = await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30));
        var due = await Eventually.ReturnsAsync(() => queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30)), m => m.Count > 0, Bound);

        Assert.True(receipt.NextVisibleOn >= receipt.InsertedOn.AddSeconds(2));
        Assert.Empty(before);
        Assert.Equal("timer", Assert.Single(due).Body);
        Assert.True(DateTimeOffset.UtcNow >= receipt.NextVisibleOn.AddSeconds(-1));
    }

    [Fact]
    public async Task EachReceiveIncrementsDequeueCount()
    {
        var queue = await azurite.CreateQueueAsync();
        await queue.SendMessageAsync("retry me");

        var first = Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1)));
        var second = Assert.Single(await Eventually.ReturnsAsync(() => queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1)), m => m.Count > 0, Bound));

        Assert.Equal(1, first.DequeueCount);
        Assert.Equal(2, second.DequeueCount);
        Assert.Equal(first.MessageId, second.MessageId);
    }

    [Fact]
    public async Task UpdateChangesVisibilityAndBodyAndReturnsANewPopReceipt()
    {
        var queue = await azurite.CreateQueueAsync();
        await queue.SendMessageAsync("step 1");
        var received = Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(5)));

        var update = await queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, TimeSpan.Zero, "step 2");
        var again = Assert.Single(await Eventually.ReturnsAsync(() => queue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(5)), m => m.Count > 0, Bound));
        var hidden = await queue.UpdateMessageAsync(again.MessageId, again.PopReceipt, TimeSpan.FromMinutes(10));

        Assert.NotEqual(received.PopReceipt, update.PopReceipt);
        Assert.Equal("step 2", again.Body);
        Assert.True(hidden.NextVisibleOn > DateTimeOffset.UtcNow.AddMinutes(9));
        Assert.Empty(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task DeleteWithStalePopReceiptFailsTyped()
    {
        var queue = await azurite.CreateQueueAsync();
        await queue.SendMessageAsync("contended");
        var first = Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1)));
        var second = Assert.Single(await Eventually.ReturnsAsync(() => queue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(1)), m => m.Count > 0, Bound));

        var e = await Assert.ThrowsAsync<RequestFailedException>(() => queue.DeleteMessageAsync(first.MessageId, first.PopReceipt));
        await queue.DeleteMessageAsync(second.MessageId, second.PopReceipt);

        Assert.True(e.Status is 400 or 404, $"status {e.Status}");
        Assert.True(e.ErrorCode is StorageErrorCodes.PopReceiptMismatch or StorageErrorCodes.MessageNotFound, $"code {e.ErrorCode}");
        var gone = await Assert.ThrowsAsync<RequestFailedException>(() => queue.DeleteMessageAsync(second.MessageId, second.PopReceipt));
        Assert.Equal(404, gone.Status);
        Assert.Equal(StorageErrorCodes.MessageNotFound, gone.ErrorCode);
    }

    [Fact]
    public async Task PeekShowsMessagesWithoutHidingOrCountingThem()
    {
        var queue = await azurite.CreateQueueAsync();
        await queue.SendMessageAsync("a");
        await queue.SendMessageAsync("b");

        var peeked = await queue.PeekMessagesAsync(32);
        var received = await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30));

        Assert.Equal(["a", "b"], peeked.Select(m => m.Body).Order());
        Assert.All(peeked, m => Assert.Equal(0, m.DequeueCount));
        Assert.Equal(2, received.Count);
    }

    [Fact]
    public async Task ApproximateCountAndClearSeeEveryMessage()
    {
        var queue = await azurite.CreateQueueAsync();
        for (var i = 0; i < 5; i++)
        {
            await queue.SendMessageAsync($"m{i}");
        }

        var count = await queue.GetApproximateMessageCountAsync();
        await queue.ClearMessagesAsync();

        Assert.Equal(5, count);
        Assert.Equal(0, await queue.GetApproximateMessageCountAsync());
    }

    [Fact]
    public async Task InfiniteTimeToLiveNeverExpires()
    {
        var queue = await azurite.CreateQueueAsync();

        var receipt = await queue.SendMessageAsync("forever", timeToLive: Timeout.InfiniteTimeSpan);
        var shortLived = await queue.SendMessageAsync("soon", timeToLive: TimeSpan.FromMinutes(1));

        Assert.True(receipt.ExpiresOn > DateTimeOffset.UtcNow.AddYears(100));
        Assert.True(shortLived.ExpiresOn < DateTimeOffset.UtcNow.AddMinutes(2));
    }

    [Fact]
    public async Task OutOfRangeArgumentsAreRefusedWithClearErrors()
    {
        var queue = await azurite.CreateQueueAsync();

        var delay = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.SendMessageAsync("x", visibilityDelay: TimeSpan.FromDays(7.5)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.SendMessageAsync("x", visibilityDelay: TimeSpan.FromSeconds(-1)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.SendMessageAsync("x", TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(1)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveMessagesAsync(33, TimeSpan.FromSeconds(30)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveMessagesAsync(0, TimeSpan.FromSeconds(30)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveMessagesAsync(1, TimeSpan.Zero));
        await Assert.ThrowsAsync<ArgumentException>(() => queue.SendMessageAsync(new string('x', 50_000)));

        Assert.Equal("visibilityDelay", delay.ParamName);
        Assert.Contains("7 days", delay.Message, StringComparison.Ordinal);
        Assert.Equal(0, await queue.GetApproximateMessageCountAsync());
    }

    [Fact]
    public async Task SevenDayDelayIsAccepted()
    {
        var queue = await azurite.CreateQueueAsync();

        var receipt = await queue.SendMessageAsync("week", visibilityDelay: TimeSpan.FromDays(7));

        Assert.True(receipt.NextVisibleOn > DateTimeOffset.UtcNow.AddDays(6.9));
    }

    [Fact]
    public async Task CreateIfNotExistsAndDeleteIfExistsAreIdempotent()
    {
        var queue = await azurite.CreateQueueAsync();

        await queue.CreateIfNotExistsAsync();
        await queue.DeleteIfExistsAsync();
        await queue.DeleteIfExistsAsync();

        var e = await Assert.ThrowsAsync<RequestFailedException>(() => queue.SendMessageAsync("x"));
        Assert.Equal(404, e.Status);
        Assert.Equal(StorageErrorCodes.QueueNotFound, e.ErrorCode);
    }

    [Fact]
    public void InvalidQueueNamesAreRefused()
    {
        var service = azurite.Connection.CreateQueueServiceClient();

        Assert.Throws<ArgumentException>(() => service.GetQueueClient("Upper"));
        Assert.Throws<ArgumentException>(() => service.GetQueueClient("a--b"));
        Assert.Throws<ArgumentException>(() => service.GetQueueClient("-ab"));
        Assert.Throws<ArgumentException>(() => service.GetQueueClient("ab"));
        Assert.Equal("orders-poison", service.GetQueueClient("orders-poison").Name);
    }
}
