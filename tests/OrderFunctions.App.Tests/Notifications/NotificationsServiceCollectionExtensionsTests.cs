using Microsoft.Extensions.DependencyInjection;
using OrderFunctions.App.Notifications.Acs;
using OrderFunctions.App.Notifications.Email;
using OrderFunctions.App.Notifications.Files;
using OrderFunctions.App.Notifications.Rendering;

namespace OrderFunctions.App.Tests.Notifications;

public sealed class NotificationsServiceCollectionExtensionsTests
{
    [Theory]
    [InlineData("Disabled", typeof(DisabledEmailSender))]
    [InlineData("File", typeof(FileEmailSender))]
    [InlineData("Acs", typeof(AcsEmailSender))]
    public void ModeSelectsTheSender(string mode, Type expected)
    {
        using var provider = NotificationOptionsValidatorTests.Provider(new()
        {
            ["Mode"] = mode,
            ["SenderAddress"] = "DoNotReply@orders.example.com",
            ["DefaultRecipient"] = "merchant@example.com",
            ["ConnectionString"] = mode == "Acs" ? "endpoint=https://x.communication.azure.com/;accesskey=AAAA" : null,
        });

        Assert.IsType(expected, provider.GetRequiredService<IEmailSender>());
        Assert.NotNull(provider.GetRequiredService<NotificationRenderer>());
    }

    [Theory]
    [InlineData("managedidentity")]
    [InlineData(null)]
    public void IdentityModeBuildsAnAcsSenderWithoutTouchingTheNetwork(string? credential)
    {
        using var provider = NotificationOptionsValidatorTests.Provider(new()
        {
            ["Mode"] = "Acs",
            ["Endpoint"] = "https://x.communication.azure.com",
            ["Credential"] = credential,
            ["ClientId"] = "00000000-0000-0000-0000-000000000001",
            ["SenderAddress"] = "DoNotReply@orders.example.com",
            ["DefaultRecipient"] = "merchant@example.com",
        });

        Assert.IsType<AcsEmailSender>(provider.GetRequiredService<IEmailSender>());
    }
}
