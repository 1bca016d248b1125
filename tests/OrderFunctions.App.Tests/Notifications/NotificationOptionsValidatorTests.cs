using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrderFunctions.App.Configuration;
using OrderFunctions.App.Notifications;
using OrderFunctions.App.Startup;

namespace OrderFunctions.App.Tests.Notifications;

/// <summary>Start-up validation of the Notifications section as the app registers it (AppOptions + AddEmailNotifications):
/// data annotations and the rules between keys, each failure named by its app setting.</summary>
public sealed class NotificationOptionsValidatorTests
{
    private const string Key = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    [Fact]
    public void DisabledModeNeedsNothing() =>
        Assert.Equal(NotificationMode.Disabled, Options(new()).Mode);

    [Fact]
    public void DefaultsAreAFifteenMinuteDigestAndTheLocalMailFolder()
    {
        var options = Options(new());

        Assert.Equal(TimeSpan.FromMinutes(15), options.DigestInterval);
        Assert.Equal(".local/mail", options.FileFolder);
    }

    [Fact]
    public void AcsModeWithoutEndpointOrConnectionStringNamesBoth()
    {
        var failures = Failures(new() { ["Mode"] = "Acs", ["SenderAddress"] = "a@b.example", ["DefaultRecipient"] = "c@d.example" });

        var failure = Assert.Single(failures);
        Assert.Contains("Notifications__Endpoint", failure, StringComparison.Ordinal);
        Assert.Contains("Notifications__ConnectionString", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void ManagedIdentityWithoutEndpointNamesTheEndpoint()
    {
        var failures = Failures(new() { ["Mode"] = "Acs", ["Credential"] = "managedidentity", ["SenderAddress"] = "a@b.example", ["DefaultRecipient"] = "c@d.example" });

        Assert.Contains(failures, f => f.Contains("neither Notifications__Endpoint", StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownCredentialIsNamedWithoutRepeatingIt()
    {
        var failure = Assert.Single(Failures(new() { ["Mode"] = "Acs", ["Endpoint"] = "https://x.communication.azure.com", ["Credential"] = "s3cr3t-value", ["SenderAddress"] = "a@b.example", ["DefaultRecipient"] = "c@d.example" }));

        Assert.StartsWith("Notifications__Credential must be 'managedidentity'", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-value", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyValuesCountAsUnset()
    {
        var options = Options(new() { ["Mode"] = "File", ["SenderAddress"] = "a@b.example", ["DefaultRecipient"] = "c@d.example", ["Endpoint"] = "", ["Credential"] = "", ["ClientId"] = "", ["ConnectionString"] = "", ["ApiBaseUrl"] = "" });

        Assert.Equal(NotificationMode.File, options.Mode);
    }

    [Theory]
    [InlineData("Credential", "managedidentity")]
    [InlineData("ClientId", "00000000-0000-0000-0000-000000000001")]
    [InlineData("Endpoint", "https://x.communication.azure.com")]
    public void IdentitySettingsNextToAConnectionStringAreRejected(string key, string value) =>
        Assert.Contains(
            Failures(new() { ["Mode"] = "Acs", ["ConnectionString"] = $"endpoint=https://x.communication.azure.com/;accesskey={Key}", [key] = value, ["SenderAddress"] = "a@b.example", ["DefaultRecipient"] = "c@d.example" }),
            f => f.StartsWith($"Notifications__{key} is set together with Notifications__ConnectionString", StringComparison.Ordinal));

    [Fact]
    public void HttpEndpointIsRejected() =>
        Assert.Contains(
            Failures(new() { ["Mode"] = "Acs", ["Endpoint"] = "http://x.communication.azure.com", ["SenderAddress"] = "a@b.example", ["DefaultRecipient"] = "c@d.example" }),
            f => f.StartsWith("Notifications__Endpoint must be an absolute https URL", StringComparison.Ordinal));

    [Fact]
    public void BrokenConnectionStringIsNamedWithoutRepeatingTheKey()
    {
        var failures = Failures(new() { ["Mode"] = "Acs", ["ConnectionString"] = $"endpoint=http://x.communication.azure.com/;accesskey={Key}", ["SenderAddress"] = "a@b.example", ["DefaultRecipient"] = "c@d.example" });

        var failure = Assert.Single(failures);
        Assert.StartsWith("Notifications__ConnectionString is not usable", failure, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void FileModeNeedsASenderAndARecipient()
    {
        var failures = Failures(new() { ["Mode"] = "File" });

        Assert.Contains(failures, f => f.StartsWith("Notifications__SenderAddress is required", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Notifications__DefaultRecipient is required", StringComparison.Ordinal));
    }

    [Fact]
    public void MalformedAddressesAndIntervalAreNamed()
    {
        var failures = Failures(new() { ["Mode"] = "File", ["SenderAddress"] = "not-an-address", ["DefaultRecipient"] = "c@d.example", ["DigestInterval"] = "00:00:10" });

        Assert.Contains(failures, f => f.StartsWith("Notifications__SenderAddress:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Notifications__DigestInterval:", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidManagedIdentitySetupPasses()
    {
        var options = Options(new() { ["Mode"] = "Acs", ["Endpoint"] = "https://x.communication.azure.com", ["Credential"] = "managedidentity", ["ClientId"] = "00000000-0000-0000-0000-000000000001", ["SenderAddress"] = "DoNotReply@orders.example.com", ["DefaultRecipient"] = "merchant@example.com", ["DigestInterval"] = "00:30:00" });

        Assert.Equal(TimeSpan.FromMinutes(30), options.DigestInterval);
    }

    private static NotificationOptions Options(Dictionary<string, string?> settings) =>
        Provider(settings).GetRequiredService<IOptions<NotificationOptions>>().Value;

    private static IReadOnlyList<string> Failures(Dictionary<string, string?> settings) =>
        [.. Assert.Throws<OptionsValidationException>(() => Options(settings)).Failures];

    internal static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.ToDictionary(kv => $"{NotificationOptions.SectionName}:{kv.Key}", kv => kv.Value))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddAppOptions(configuration, HandlerMode.Host).AddEmailNotifications();
        return services.BuildServiceProvider();
    }
}
