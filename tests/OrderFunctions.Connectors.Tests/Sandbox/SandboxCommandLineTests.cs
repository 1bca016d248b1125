using OrderFunctions.Sandbox.Hosting;

namespace OrderFunctions.Connectors.Tests.Sandbox;

public class SandboxCommandLineTests
{
    [Fact]
    public void EveryOptionIsRead()
    {
        var settings = SandboxCommandLine.Parse(
        [
            "--trendyol-port", "7101", "--bol-port", "7102", "--woocommerce-port", "7103", "--shopify-port", "7104", "--control-port", "7100",
            "--ports-file", "sandbox/ports.json", "--secrets-file", "sandbox/secrets.json",
            "--woocommerce-webhook", "http://127.0.0.1:7071/api/webhooks/woocommerce/demo",
            "--shopify-webhook", "http://127.0.0.1:7071/api/webhooks/shopify/demo", "--seed", "12",
        ]);

        Assert.Equal((7101, 7102, 7103, 7104, 7100), (settings.TrendyolPort, settings.BolPort, settings.WooCommercePort, settings.ShopifyPort, settings.ControlPort));
        Assert.Equal(Path.GetFullPath("sandbox/ports.json"), settings.PortsFile);
        Assert.Equal(Path.GetFullPath("sandbox/secrets.json"), settings.SecretsFile);
        Assert.Equal(new Uri("http://127.0.0.1:7071/api/webhooks/woocommerce/demo"), settings.WooCommerceWebhookUrl);
        Assert.Equal(new Uri("http://127.0.0.1:7071/api/webhooks/shopify/demo"), settings.ShopifyWebhookUrl);
        Assert.Equal(12, settings.Seed);
    }

    [Fact]
    public void NoOptionsMeansFreePortsAndNoFiles()
    {
        var settings = SandboxCommandLine.Parse([]);

        Assert.Equal(new SandboxSettings(), settings);
    }

    [Theory]
    [InlineData("--bol-port", "http", "--bol-port must be a port number")]
    [InlineData("--bol-port", "70000", "--bol-port must be a port number")]
    [InlineData("--seed", "x", "--seed must be an integer")]
    [InlineData("--shopify-webhook", "/api/hooks", "--shopify-webhook must be an absolute http(s) URL")]
    [InlineData("--verbose", "1", "Unknown option '--verbose'")]
    public void BadOptionsAreNamed(string option, string value, string message)
    {
        var e = Assert.Throws<SandboxUsageException>(() => SandboxCommandLine.Parse([option, value]));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionWithoutValueIsRefused()
    {
        var e = Assert.Throws<SandboxUsageException>(() => SandboxCommandLine.Parse(["--ports-file"]));

        Assert.Equal("--ports-file needs a value.", e.Message);
    }

    [Fact]
    public void OnePortCannotServeTwoSimulators()
    {
        var e = Assert.Throws<SandboxUsageException>(() => SandboxCommandLine.Parse(["--trendyol-port", "7101", "--bol-port", "7101"]));

        Assert.Contains("one service only", e.Message, StringComparison.Ordinal);
    }
}
