using OrderFunctions.App.Api;
using OrderFunctions.App.Configuration;
using OrderFunctions.App.Functions.Workflow;
using OrderFunctions.App.Notifications;
using OrderFunctions.App.Secrets;
using OrderFunctions.Connectors.Factory;
using OrderFunctions.Hosting.Contract;
using OrderFunctions.Hosting.Definitions;

namespace OrderFunctions.App.Startup;

/// <summary>All of the app's service registration, in one place.</summary>
internal static class OrderFunctionsServices
{
    public static IServiceCollection AddOrderFunctions(this IServiceCollection services, IConfiguration configuration, FunctionCatalog catalog, HandlerMode mode)
    {
        var firstRegistration = services.Count;
        services.AddAppOptions(configuration, mode);
        services.AddFunctionCatalog(catalog);
        services.AddSingleton(TimeProvider.System);
        services.AddSecretStore(configuration);
        services.AddConnectors();
        services.AddWorkflow(configuration);
        services.AddEmailNotifications();
        services.AddApi();
        // HTTP functions' unhandled exceptions and empty error statuses become RFC 9457 problem+json.
        services.AddProblemDetails();
        // Background work (the workflow's storage creation) waits for the host's first readiness answer (issue 7).
        services.DeferHostedServicesFrom(firstRegistration);
        return services;
    }
}
