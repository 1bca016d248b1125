using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using OrderFunctions.Sandbox.Hosting;
using OrderFunctions.Testing.Azurite;
using OrderFunctions.Workflow.Orders;

namespace OrderFunctions.Bench;

/// <summary>
/// <c>chaos [--orders N] [--kills K] [--lanes L]</c>: N orders through the local run (spread over L sandboxes) while the handler (its standalone runtime
/// with it) is SIGKILLed K times at random moments and restarted at once; then the simulators' own records say what
/// happened. Exit code 0 only when every count is zero.
/// </summary>
internal static partial class ChaosCommand
{
    /// <summary>The local run's times shortened so that a killed executor's orders move on in seconds (the sweeper
    /// re-drives them; the killed process's queue messages stay hidden for the host's 10 minutes, as in Azure).</summary>
    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Workflow__LeaseDuration"] = "00:00:20",
        ["Workflow__RetryDelay"] = "00:00:02",
        ["Notifications__DigestInterval"] = "00:01:00",
    };

    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(int orders, int kills, int lanes, BenchPaths paths, CancellationToken cancellationToken)
    {
        paths.ThrowIfMissing();
        var report = await RunAndVerifyAsync(orders, kills, lanes, paths, Console.WriteLine, cancellationToken);
        foreach (var line in report.Describe())
        {
            Console.WriteLine(line);
        }

        return report.AllZero ? 0 : 1;
    }

    public static async Task<ChaosReport> RunAndVerifyAsync(int orders, int kills, int lanes, BenchPaths paths, Action<string> say, CancellationToken cancellationToken)
    {
        var seed = Environment.GetEnvironmentVariable("CHAOS_SEED") is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : Random.Shared.Next();
        var random = new Random(seed);
        say($"chaos: {orders} orders on {lanes} lane(s), {kills} kills (CHAOS_SEED={seed} repeats the kill times); machine: {Machine.Describe()}");
        await using var azurite = await AzuriteInstance.StartAsync(new AzuriteOptions(), cancellationToken);
        await using var run = await LocalRun.StartAsync(
            paths,
            new LocalRunSettings { PollInterval = PollInterval, NotifyNewOrders = true, Settings = Settings, Lanes = lanes },
            azurite,
            cancellationToken);
        await run.StartHandlerAsync(cancellationToken);
        say($"chaos: local run ready (work folder {run.WorkDirectory})");

        var flow = new OrderFlow(run);
        using var stopFlow = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var merchant = flow.RunAsync(stopFlow.Token);
        var clock = Stopwatch.StartNew();

        // Orders arrive in ten waves while the kills happen, so kills land in every phase: fetch, transfer, completion,
        // shipment, closure.
        var placed = new List<PlacedOrder>();
        var waves = Math.Min(10, orders);
        var placing = Task.Run(
            async () =>
            {
                for (var wave = 0; wave < waves; wave++)
                {
                    var count = (orders / waves) + (wave < orders % waves ? 1 : 0);
                    var added = await run.PlaceOrdersAsync(count, cancellationToken);
                    lock (placed)
                    {
                        placed.AddRange(added);
                    }

                    await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
                }
            },
            cancellationToken);

        for (var kill = 1; kill <= kills; kill++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(5_000, 25_000)), cancellationToken);
            run.HandlerProcess!.Kill();
            say($"chaos: {clock.Elapsed.TotalSeconds,6:F1} s  kill {kill}/{kills} (SIGKILL); restarting");
            await run.StartHandlerAsync(cancellationToken);
        }

        await placing;
        say($"chaos: {clock.Elapsed.TotalSeconds,6:F1} s  all {placed.Count} orders placed, all kills done; waiting for the orders to close");
        var closed = 0;
        await WaitAsync(
            async () => (closed = await CountClosedAsync(run)) >= placed.Count,
            () => closed + flow.FirstSeenInShop.Count,
            TimeSpan.FromMinutes(3),
            () => $"chaos: {clock.Elapsed.TotalSeconds,6:F1} s  in shop {flow.FirstSeenInShop.Count}  completed by merchant {flow.Completed}  closed {closed}",
            say,
            cancellationToken);
        say($"chaos: {clock.Elapsed.TotalSeconds,6:F1} s  waiting for the new-order digests (one per integration and minute)");
        await WaitAsync(
            () => Task.FromResult(Mails(run, placed).Notified >= placed.Count),
            () => Mails(run, placed).Notified,
            TimeSpan.FromMinutes(3),
            () => $"chaos: {clock.Elapsed.TotalSeconds,6:F1} s  orders in new-order mails {Mails(run, placed).Notified} / {placed.Count}",
            say,
            cancellationToken);
        await stopFlow.CancelAsync();
        await merchant;

        return await VerifyAsync(run, placed, cancellationToken);
    }

    private static Task<int> CountClosedAsync(LocalRun run) => run.CountClosedAsync(CancellationToken.None);

    /// <summary>Waits until <paramref name="done"/>, or until <paramref name="progress"/> has not grown for
    /// <paramref name="stall"/> (something is stuck: the verification then says what).</summary>
    private static async Task WaitAsync(Func<Task<bool>> done, Func<int> progress, TimeSpan stall, Func<string> describe, Action<string> say, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var lastSaid = TimeSpan.Zero;
        var lastProgress = TimeSpan.Zero;
        var last = -1;
        while (!await done())
        {
            var now = progress();
            if (now > last)
            {
                (last, lastProgress) = (now, clock.Elapsed);
            }
            else if (clock.Elapsed - lastProgress > stall)
            {
                say($"chaos: no progress for {stall.TotalMinutes:F0} minutes; verifying what there is");
                return;
            }

            if (clock.Elapsed - lastSaid > TimeSpan.FromSeconds(10))
            {
                lastSaid = clock.Elapsed;
                say(describe());
            }

            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }
    }

    /// <summary>The counts, from the simulators' records (and the hub's orders table for its own state).</summary>
    private static async Task<ChaosReport> VerifyAsync(LocalRun run, IReadOnlyList<PlacedOrder> placed, CancellationToken cancellationToken)
    {
        var trendyol = new Dictionary<SandboxLane, TrendyolRecords>();
        var bol = new Dictionary<SandboxLane, BolRecords>();
        var shops = new Dictionary<string, SandboxShopRecords>(StringComparer.Ordinal);
        var shopStatus = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var lane in run.Lanes)
        {
            trendyol[lane] = await lane.RecordsAsync<TrendyolRecords>("trendyol/records", cancellationToken);
            bol[lane] = await lane.RecordsAsync<BolRecords>("bol/records", cancellationToken);
            foreach (var integration in lane.Integrations)
            {
                shops[integration] = await lane.RecordsAsync<SandboxShopRecords>($"{lane.ShopOf(integration)}/records", cancellationToken);
            }

            foreach (var shop in new[] { SandboxLane.WooCommerce, SandboxLane.Shopify })
            {
                foreach (var order in await lane.ShopOrdersAsync(shop, cancellationToken))
                {
                    if (order.OrderKey is { } key)
                    {
                        shopStatus[key] = order.Status;
                    }
                }
            }
        }

        var report = new ChaosReport { Orders = placed.Count };
        var wrong = new List<string>();
        foreach (var order in placed)
        {
            var inShop = shops[order.IntegrationId].OrdersByKey?.GetValueOrDefault(order.OrderKey) ?? 0;
            report.Lost += inShop == 0 ? 1 : 0;
            report.DuplicateShopOrders += Math.Max(0, inShop - 1);
            var stored = await run.Orders.GetAsync(OrderKey.Parse(order.OrderKey), cancellationToken);
            bool shippedOnce;
            var lane = run.LaneOf(order.IntegrationId);
            if (order.IntegrationId == lane.TrendyolIntegration)
            {
                var record = trendyol[lane].Orders?.GetValueOrDefault(order.OrderId);
                report.DuplicateShipments += Math.Max(0, (record?.TrackingPushes ?? 0) - 1);
                shippedOnce = record?.TrackingPushes == 1;
            }
            else
            {
                var record = bol[lane].Orders?.GetValueOrDefault(order.OrderId);
                report.DuplicateShipments += Math.Max(0, (record?.Shipments ?? 0) - 1);
                shippedOnce = record is { Shipments: 1 } && record.QuantityShipped == record.Quantity;
            }

            var shopDone = shopStatus.TryGetValue(order.OrderKey, out var status) && status is "completed" or "fulfilled";
            if (!(shippedOnce && shopDone && stored?.State.Status == OrderStatus.Closed))
            {
                report.NotInFinalState++;
                wrong.Add($"{order.OrderKey}: hub {stored?.State.Status.ToString() ?? "missing"}, shop {status ?? "missing"}, marketplace shipped once {shippedOnce}");
            }
        }

        var mails = Mails(run, placed);
        report.DuplicateNotifications = mails.Duplicates;
        report.MissingNotifications = Math.Max(0, placed.Count - mails.Notified);
        report.Examples = [.. wrong.Take(10)];
        return report;
    }

    /// <summary>The new-order digests in the mail folder: how many orders they announce in all (their "N new orders"),
    /// and how many of the orders they list by id appear in more than one (a digest lists its first 100).</summary>
    private static (int Notified, int Duplicates) Mails(LocalRun run, IReadOnlyList<PlacedOrder> placed)
    {
        if (!Directory.Exists(run.MailFolder))
        {
            return (0, 0);
        }

        var announced = 0;
        var listed = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = placed.ToDictionary(o => (o.IntegrationId, o.OrderId), o => o.OrderKey);
        foreach (var file in Directory.EnumerateFiles(run.MailFolder, "new-orders-*.eml"))
        {
            if (run.Integrations.FirstOrDefault(i => Path.GetFileName(file).Contains(i, StringComparison.Ordinal)) is not { } integration)
            {
                continue;
            }

            var text = PlainText(File.ReadAllText(file));
            if (CountLine().Match(text) is { Success: true } count)
            {
                announced += int.Parse(count.Groups[1].Value, CultureInfo.InvariantCulture);
            }

            foreach (var line in text.Split('\n'))
            {
                var first = line.Split(' ', 2)[0].Trim();
                if (ids.TryGetValue((integration, first), out var key))
                {
                    listed[key] = listed.GetValueOrDefault(key) + 1;
                }
            }
        }

        var listedDuplicates = listed.Values.Sum(n => n - 1);
        var countedDuplicates = Math.Max(0, announced - placed.Count);
        return (Math.Min(announced, placed.Count), Math.Max(listedDuplicates, countedDuplicates));
    }

    /// <summary>The text/plain part of an .eml the local mail sink wrote (base64, as EmlWriter writes it).</summary>
    private static string PlainText(string eml)
    {
        var start = eml.IndexOf("Content-Type: text/plain", StringComparison.Ordinal);
        if (start < 0)
        {
            return "";
        }

        var body = eml.IndexOf("\r\n\r\n", start, StringComparison.Ordinal) + 4;
        var end = eml.IndexOf("\r\n--", body, StringComparison.Ordinal);
        var base64 = eml[body..end].Replace("\r\n", "", StringComparison.Ordinal);
        return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
    }

    [GeneratedRegex(@"^(\d+) new orders?\b")]
    private static partial Regex CountLine();
}

/// <summary>What the chaos run found; every count must be zero.</summary>
internal sealed class ChaosReport
{
    public int Orders { get; init; }

    public int Lost { get; set; }

    public int DuplicateShopOrders { get; set; }

    public int DuplicateShipments { get; set; }

    public int DuplicateNotifications { get; set; }

    public int MissingNotifications { get; set; }

    public int NotInFinalState { get; set; }

    public IReadOnlyList<string> Examples { get; set; } = [];

    public bool AllZero => Lost + DuplicateShopOrders + DuplicateShipments + DuplicateNotifications + MissingNotifications + NotInFinalState == 0;

    public IEnumerable<string> Describe()
    {
        yield return F($"chaos: {Orders} orders");
        yield return F($"  orders lost                    {Lost}");
        yield return F($"  duplicate shop orders          {DuplicateShopOrders}");
        yield return F($"  duplicate shipments            {DuplicateShipments}");
        yield return F($"  duplicate notifications        {DuplicateNotifications}");
        yield return F($"  missing notifications          {MissingNotifications}");
        yield return F($"  orders not in final state      {NotInFinalState}");
        foreach (var example in Examples)
        {
            yield return "    " + example;
        }

        yield return AllZero ? "chaos: all counts zero" : "chaos: FAILED (a count is not zero)";
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
