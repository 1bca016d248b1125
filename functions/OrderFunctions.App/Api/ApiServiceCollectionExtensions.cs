using Microsoft.Extensions.DependencyInjection.Extensions;
using OrderFunctions.App.Api.OpenApi;

namespace OrderFunctions.App.Api;

internal static class ApiServiceCollectionExtensions
{
    /// <summary>The API's own services; its functions run on the workflow's (integrations, orders, operations).</summary>
    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.TryAddSingleton<OpenApiDocument>();
        return services;
    }
}
