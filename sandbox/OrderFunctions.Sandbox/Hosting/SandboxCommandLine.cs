using System.Globalization;

namespace OrderFunctions.Sandbox.Hosting;

/// <summary>A command line the sandbox cannot run with; the message says what is wrong.</summary>
public sealed class SandboxUsageException(string message) : Exception(message);

/// <summary>Parses <c>dotnet run --project sandbox/OrderFunctions.Sandbox -- [options]</c> (see <see cref="Usage"/>).</summary>
public static class SandboxCommandLine
{
    public const string Usage = """
        Usage: OrderFunctions.Sandbox [options]
          --trendyol-port N           Trendyol Seller API (default: a free port)
          --bol-port N                bol.com Retailer API and its login host (default: a free port)
          --woocommerce-port N        WooCommerce REST API (default: a free port)
          --shopify-port N            Shopify Admin GraphQL API (default: a free port)
          --control-port N            the sandbox control API (default: a free port)
          --ports-file PATH           write the addresses, accounts and credentials as JSON once listening
          --secrets-file PATH         write the credentials as a local secrets file (Secrets__LocalFile)
          --woocommerce-webhook URL   send WooCommerce order.updated webhooks there
          --shopify-webhook URL       send Shopify orders/updated webhooks there
          --seed N                    seed of the random order generator (repeatable runs)
          --demo                      demo traffic: new orders every few seconds, the shops complete them (docs/demo.md)
        Everything listens on 127.0.0.1. Ctrl-C (or SIGTERM) stops it.
        """;

    public static SandboxSettings Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var settings = new SandboxSettings();
        for (var i = 0; i < args.Count; i++)
        {
            var option = args[i];
            if (option == "--demo")
            {
                settings = settings with { Demo = true };
                continue;
            }

            var value = i + 1 < args.Count ? args[++i] : throw new SandboxUsageException($"{option} needs a value.");
            settings = option switch
            {
                "--trendyol-port" => settings with { TrendyolPort = Port(option, value) },
                "--bol-port" => settings with { BolPort = Port(option, value) },
                "--woocommerce-port" => settings with { WooCommercePort = Port(option, value) },
                "--shopify-port" => settings with { ShopifyPort = Port(option, value) },
                "--control-port" => settings with { ControlPort = Port(option, value) },
                "--ports-file" => settings with { PortsFile = Path.GetFullPath(value) },
                "--secrets-file" => settings with { SecretsFile = Path.GetFullPath(value) },
                "--woocommerce-webhook" => settings with { WooCommerceWebhookUrl = Url(option, value) },
                "--shopify-webhook" => settings with { ShopifyWebhookUrl = Url(option, value) },
                "--seed" => settings with { Seed = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : throw new SandboxUsageException($"{option} must be an integer.") },
                _ => throw new SandboxUsageException($"Unknown option '{option}'."),
            };
        }

        int[] fixedPorts = [.. new[] { settings.TrendyolPort, settings.BolPort, settings.WooCommercePort, settings.ShopifyPort, settings.ControlPort }.Where(p => p != 0)];
        if (fixedPorts.Distinct().Count() != fixedPorts.Length)
        {
            throw new SandboxUsageException("Each port can be given to one service only.");
        }

        return settings;
    }

    private static int Port(string option, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
            ? port
            : throw new SandboxUsageException($"{option} must be a port number (0-65535; 0 = a free one).");

    private static Uri Url(string option, string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new SandboxUsageException($"{option} must be an absolute http(s) URL.");
}
