using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderFunctions.App.Notifications.Acs;
using OrderFunctions.App.Notifications.Digests;
using OrderFunctions.App.Notifications.Email;
using OrderFunctions.App.Notifications.Files;
using OrderFunctions.App.Notifications.Rendering;
using OrderFunctions.Storage.Queues;
using OrderFunctions.Storage.Tables;

namespace OrderFunctions.App.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>
    /// Registers email notifications: the checks between <see cref="NotificationOptions"/> keys (the section itself is
    /// bound and validated by <c>AppOptions</c>), the <see cref="NotificationRenderer"/>, the <see cref="IEmailSender"/>
    /// that <see cref="NotificationOptions.Mode"/> selects (ACS, <c>.eml</c> files, or disabled), and the new-orders
    /// digest (<see cref="NewOrdersDigestOutbox"/>, <see cref="NewOrdersDigestSender"/>) and the
    /// <see cref="NotificationDispatcher"/> of the workflow's outbox, on the app's
    /// <see cref="TableServiceClient"/> and <see cref="QueueServiceClient"/>.
    /// </summary>
    public static IServiceCollection AddEmailNotifications(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton(sp => new NotificationRenderer(new OperatorLinks(ApiBaseUrl(sp.GetRequiredService<IOptions<NotificationOptions>>().Value))));
        services.TryAddSingleton(CreateSender);

        services.TryAddSingleton(sp => new NewOrdersDigestOutbox(
            sp.GetRequiredService<TableServiceClient>().GetTableClient(NewOrdersDigestOutbox.TableName),
            sp.GetRequiredService<QueueServiceClient>().GetQueueClient(NewOrdersDigestOutbox.QueueName),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<NotificationOptions>>().Value.DigestInterval));
        services.TryAddSingleton<NewOrdersDigestSender>();
        services.TryAddSingleton<NotificationDispatcher>();
        return services;
    }

    private static Uri? ApiBaseUrl(NotificationOptions options) =>
        string.IsNullOrWhiteSpace(options.ApiBaseUrl) ? null : new Uri(options.ApiBaseUrl, UriKind.Absolute);

    private static IEmailSender CreateSender(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<NotificationOptions>>().Value;
        var loggers = services.GetRequiredService<ILoggerFactory>();
        return options.Mode switch
        {
            NotificationMode.Acs => new AcsEmailSender(CreateAcsClient(options, services), options.SenderAddress!, loggers.CreateLogger<AcsEmailSender>()),
            NotificationMode.File => new FileEmailSender(options.FileFolder, new EmailAddress(options.SenderAddress!, "OrderFunctions"), loggers.CreateLogger<FileEmailSender>()),
            _ => new DisabledEmailSender(loggers.CreateLogger<DisabledEmailSender>()),
        };
    }

    private static AcsEmailClient CreateAcsClient(NotificationOptions options, IServiceProvider services)
    {
        var time = services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILogger<AcsEmailClient>>();
        // The host may register its own pipeline settings (transport, retries); otherwise the defaults.
        var clientOptions = services.GetService<AcsEmailClientOptions>() ?? new AcsEmailClientOptions();
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return new AcsEmailClient(AcsConnectionString.Parse(options.ConnectionString), clientOptions, time, logger);
        }

        // As the Functions host and the storage connections do: "managedidentity" means exactly that, nothing means
        // DefaultAzureCredential (managed identity in Azure, a developer's az login locally).
        var clientId = string.IsNullOrWhiteSpace(options.ClientId) ? null : options.ClientId;
        TokenCredential credential = string.IsNullOrWhiteSpace(options.Credential)
            ? new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId })
            : new ManagedIdentityCredential(clientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId));
        return new AcsEmailClient(new Uri(options.Endpoint!, UriKind.Absolute), credential, clientOptions, time, logger);
    }
}
