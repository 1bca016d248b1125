using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrderFunctions.Sandbox.Hosting;

namespace OrderFunctions.Bench;

/// <summary>
/// One merchant's platforms in the local run: a sandbox process with its own Trendyol seller, bol.com seller,
/// WooCommerce shop and Shopify shop — each marketplace account with its own documented rate window — and the two
/// integrations the bench runs on them: Trendyol → WooCommerce and bol.com → Shopify. A run with several lanes is the
/// hub serving several seller accounts at once, which is how it meets more orders than one account's rate limit lets
/// through (docs/benchmarks.md).
/// </summary>
internal sealed class SandboxLane : IAsyncDisposable
{
    public const string WooCommerce = "woocommerce";
    public const string Shopify = "shopify";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly JsonObject _secrets;

    private SandboxLane(int number, ChildProcess process, SandboxManifest manifest, JsonObject secrets)
    {
        _secrets = secrets;
        Number = number;
        Process = process;
        Manifest = manifest;
        Control = new HttpClient { BaseAddress = manifest.Control, Timeout = TimeSpan.FromMinutes(2) };
        var id = number.ToString("00", CultureInfo.InvariantCulture);
        TrendyolIntegration = $"bench-{id}-trendyol-woo";
        BolIntegration = $"bench-{id}-bol-shopify";
    }

    /// <summary>1, 2, …; part of the integration ids, zero-padded so that no id contains another.</summary>
    public int Number { get; }

    public ChildProcess Process { get; }

    public SandboxManifest Manifest { get; }

    /// <summary>The sandbox's control API.</summary>
    public HttpClient Control { get; }

    public string TrendyolIntegration { get; }

    public string BolIntegration { get; }

    public IEnumerable<string> Integrations => [TrendyolIntegration, BolIntegration];

    /// <summary>The lane's credentials under lane-specific secret names (<see cref="SecretName"/>): every sandbox uses
    /// the same names, and bol.com's token URL differs per sandbox, so the handler's one secrets file holds each lane's
    /// under its own.</summary>
    public IEnumerable<KeyValuePair<string, JsonNode?>> Secrets =>
        _secrets.Select(s => KeyValuePair.Create(SecretName(s.Key), s.Value?.DeepClone()));

    /// <summary>The name this lane's credentials for a sandbox account are stored under in the handler's secrets file.</summary>
    public string SecretName(string sandboxSecretName) => $"{sandboxSecretName}-{Number:00}";

    /// <summary>The shop simulator an integration of this lane creates its orders in.</summary>
    public string ShopOf(string integrationId) => integrationId == BolIntegration ? Shopify : WooCommerce;

    /// <summary>Starts the sandbox of lane <paramref name="number"/> in <paramref name="workDirectory"/>. Its shops send no
    /// webhooks: the figures are those of the polling design (DESIGN D6), whose every storage transaction is counted;
    /// a webhook delivery adds its own (a dedupe read and insert, a queued step).</summary>
    public static async Task<SandboxLane> StartAsync(int number, string sandboxDll, string workDirectory, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(workDirectory, $"sandbox-{number:00}");
        var portsFile = Path.Combine(folder, "ports.json");
        var secretsFile = Path.Combine(folder, "secrets.json");
        var process = ChildProcess.Start(
            "dotnet",
            [
                sandboxDll, "--ports-file", portsFile, "--secrets-file", secretsFile, "--seed", (7 + number).ToString(CultureInfo.InvariantCulture),
            ],
            workDirectory,
            new Dictionary<string, string>(),
            Path.Combine(workDirectory, $"sandbox-{number:00}.log"));
        try
        {
            await LocalRun.WaitUntilAsync(
                () => process.HasExited
                    ? throw new InvalidOperationException($"Sandbox {number} exited at start; see sandbox-{number:00}.log in the bench's work folder.")
                    : Task.FromResult(File.Exists(portsFile)),
                TimeSpan.FromSeconds(90),
                $"sandbox {number}'s ports file",
                cancellationToken);
            var manifest = JsonSerializer.Deserialize<SandboxManifest>(await File.ReadAllTextAsync(portsFile, cancellationToken), Json)!;
            var secrets = JsonNode.Parse(await File.ReadAllTextAsync(secretsFile, cancellationToken))!.AsObject();
            return new SandboxLane(number, process, manifest, secrets);
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary>Adds orders on the two marketplace simulators; returns their ids with the time they appeared.</summary>
    public async Task<IReadOnlyList<PlacedOrder>> PlaceOrdersAsync(int trendyol, int bol, CancellationToken cancellationToken)
    {
        var placed = new List<PlacedOrder>();
        for (var left = trendyol; left > 0; left -= 1000)
        {
            var response = await PostAsync("trendyol/orders", new { count = Math.Min(left, 1000) }, cancellationToken);
            var at = DateTimeOffset.UtcNow;
            placed.AddRange(response["orders"]!.AsArray().Select(o => new PlacedOrder(TrendyolIntegration, o!["orderNumber"]!.GetValue<string>(), at)));
        }

        for (var left = bol; left > 0; left -= 1000)
        {
            var response = await PostAsync("bol/orders", new { count = Math.Min(left, 1000) }, cancellationToken);
            var at = DateTimeOffset.UtcNow;
            placed.AddRange(response["orders"]!.AsArray().Select(o => new PlacedOrder(BolIntegration, o!["orderId"]!.GetValue<string>(), at)));
        }

        return placed;
    }

    /// <summary>The orders in one of this lane's shops (order key → shop status), read from the shop simulator.</summary>
    public async Task<IReadOnlyList<SandboxShopOrder>> ShopOrdersAsync(string shop, CancellationToken cancellationToken)
    {
        var response = await Control.GetFromJsonAsync<JsonObject>($"{shop}/orders", Json, cancellationToken);
        return response!["orders"].Deserialize<List<SandboxShopOrder>>(Json)!;
    }

    /// <summary>The merchant completes one order in <paramref name="shop"/>, with tracking the sandbox makes up.</summary>
    public async Task CompleteShopOrderAsync(string shop, string orderRef, CancellationToken cancellationToken) =>
        await PostAsync($"{shop}/orders/{Uri.EscapeDataString(orderRef)}/complete", new { withTracking = true }, cancellationToken);

    public async Task<T> RecordsAsync<T>(string route, CancellationToken cancellationToken) =>
        (await Control.GetFromJsonAsync<T>(route, Json, cancellationToken))!;

    public async ValueTask DisposeAsync()
    {
        await Process.StopAsync(TimeSpan.FromSeconds(5));
        Process.Dispose();
        Control.Dispose();
    }

    private async Task<JsonObject> PostAsync(string route, object body, CancellationToken cancellationToken)
    {
        using var response = await Control.PostAsJsonAsync(route, body, Json, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Json, cancellationToken))!;
    }
}
