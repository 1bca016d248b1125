using Microsoft.Extensions.DependencyInjection.Extensions;
using OrderFunctions.App.Api.OpenApi;
using OrderFunctions.App.Api.Webhooks;

namespace OrderFunctions.App.Api;

internal static class ApiServiceCollectionExtensions
{
    /// <summary>The API's own services; its functions run on the workflow's (integrations, orders, operations) and
    /// the secret store (webhook secrets).</summary>
    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.TryAddSingleton<OpenApiDocument>();
        services.TryAddSingleton<WebhookDeliveries>();
        return services;
    }
}
