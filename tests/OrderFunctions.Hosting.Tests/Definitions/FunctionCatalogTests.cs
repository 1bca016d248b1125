using OrderFunctions.Hosting.Definitions;

namespace OrderFunctions.Hosting.Tests.Definitions;

public class FunctionCatalogTests
{
    [Fact]
    public void DefinitionsKeepTheOrderTheyWereAddedIn()
    {
        var catalog = new FunctionCatalog()
            .AddTimer<NoOpTimer>("Poll", new TimerTrigger("0 */5 * * * *"))
            .AddQueue<NoOpQueue>("Step", new QueueTrigger("order-steps", "AzureWebJobsStorage"))
            .AddHttp<NoOpHttp>("Health", new HttpTrigger("health", ["get"], AuthorizationLevel.Anonymous));

        Assert.Equal(["Poll", "Step", "Health"], catalog.Definitions.Select(d => d.Name));
        Assert.Equal([typeof(NoOpTimer), typeof(NoOpQueue), typeof(NoOpHttp)], catalog.Registrations.Select(r => r.FunctionType));
    }

    [Fact]
    public void FunctionsAreFoundByNameIgnoringCase()
    {
        var catalog = new FunctionCatalog().AddTimer<NoOpTimer>("Heartbeat", new TimerTrigger("0 */5 * * * *"));

        Assert.True(catalog.TryGet("heartbeat", out var registration));
        Assert.Equal("Heartbeat", registration.Name);
        Assert.False(catalog.TryGet("Other", out _));
    }

    [Fact]
    public void SameNameTwiceIsRejectedEvenInAnotherCase()
    {
        var catalog = new FunctionCatalog().AddTimer<NoOpTimer>("Poll", new TimerTrigger("0 */5 * * * *"));

        var e = Assert.Throws<ArgumentException>(() => catalog.AddQueue<NoOpQueue>("poll", new QueueTrigger("q-1", "AzureWebJobsStorage")));

        Assert.Equal("Function 'poll': another function has the same name (names are case-insensitive).", e.Message);
    }

    [Theory]
    [InlineData("1st")]
    [InlineData("has space")]
    [InlineData("")]
    [InlineData("dot.ted")]
    public void NamesTheHostWouldRejectAreRejected(string name)
    {
        Assert.Throws<ArgumentException>(() => new FunctionCatalog().AddTimer<NoOpTimer>(name, new TimerTrigger("0 */5 * * * *")));
    }

    [Theory]
    [InlineData("*/5 * * * *")] // 5 fields: the host wants seconds first
    [InlineData("every five minutes")]
    [InlineData("00:05:00")]
    [InlineData("%Bad__Setting%")]
    [InlineData("%%")]
    public void SchedulesTheHostCannotUseAreRejected(string schedule)
    {
        Assert.Throws<ArgumentException>(() => new FunctionCatalog().AddTimer<NoOpTimer>("T", new TimerTrigger(schedule)));
    }

    [Theory]
    [InlineData("Orders")]
    [InlineData("ab")]
    [InlineData("a--b")]
    [InlineData("-ab")]
    public void QueueNamesStorageWouldRejectAreRejected(string queueName)
    {
        Assert.Throws<ArgumentException>(() => new FunctionCatalog().AddQueue<NoOpQueue>("Q", new QueueTrigger(queueName, "AzureWebJobsStorage")));
    }

    [Theory]
    [InlineData("/health", "get")]
    [InlineData("", "get")]
    [InlineData("orders/{id", "get")]
    [InlineData("health", "GET")]
    [InlineData("health", "fetch")]
    public void RoutesAndMethodsTheHostWouldRejectAreRejected(string route, string method)
    {
        Assert.Throws<ArgumentException>(
            () => new FunctionCatalog().AddHttp<NoOpHttp>("H", new HttpTrigger(route, [method], AuthorizationLevel.Function)));
    }

    [Fact]
    public void SameRouteAndMethodTwiceIsRejectedButOtherMethodsMayShareIt()
    {
        var catalog = new FunctionCatalog()
            .AddHttp<NoOpHttp>("ListOrders", new HttpTrigger("orders", ["get"], AuthorizationLevel.Function))
            .AddHttp<NoOpHttp>("CreateOrder", new HttpTrigger("orders", ["post"], AuthorizationLevel.Function));

        var e = Assert.Throws<ArgumentException>(
            () => catalog.AddHttp<NoOpHttp>("AnyOrder", new HttpTrigger("Orders", [], AuthorizationLevel.Function)));

        Assert.Contains("already served by 'ListOrders'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RouteTemplateIsUnderTheRoutePrefix()
    {
        var catalog = new FunctionCatalog();

        Assert.Equal("/api/orders/{id?}", catalog.RouteTemplate(new HttpTrigger("orders/{id?}", ["get"], AuthorizationLevel.Function)));
        Assert.Equal("/hooks/x", new FunctionCatalog("hooks").RouteTemplate(new HttpTrigger("x", [], AuthorizationLevel.Function)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("api/v1")]
    public void RoutePrefixMustBeOneSegment(string prefix)
    {
        Assert.Throws<ArgumentException>(() => new FunctionCatalog(prefix));
    }

    [Fact]
    public void ReferencedSettingsAndConnectionsAreListedOnce()
    {
        var catalog = new FunctionCatalog()
            .AddTimer<NoOpTimer>("A", new TimerTrigger("%PollSchedule%"))
            .AddTimer<NoOpTimer>("B", new TimerTrigger("%PollSchedule%"))
            .AddTimer<NoOpTimer>("C", new TimerTrigger("0 0 * * * *"))
            .AddQueue<NoOpQueue>("D", new QueueTrigger("%StepQueue%", "OrdersStorage"))
            .AddQueue<NoOpQueue>("E", new QueueTrigger("order-steps", "OrdersStorage"))
            .AddQueue<NoOpQueue>("F", new QueueTrigger("order-steps", "AzureWebJobsStorage"));

        Assert.Equal(["PollSchedule", "StepQueue"], catalog.ReferencedSettings);
        Assert.Equal(["OrdersStorage", "AzureWebJobsStorage"], catalog.Connections);
    }

    [Theory]
    [InlineData("%Name%", "Name")]
    [InlineData("Name", null)]
    [InlineData("%Name", null)]
    [InlineData("%%", null)]
    [InlineData("%a%b%", null)]
    public void SettingReferenceIsExactlyPercentNamePercent(string value, string? expected)
    {
        Assert.Equal(expected, SettingReference.Find(value));
    }
}
