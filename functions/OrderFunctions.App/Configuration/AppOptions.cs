using OrderFunctions.App.Notifications;
using OrderFunctions.App.Secrets;
using OrderFunctions.App.Startup;
using OrderFunctions.Workflow.Hosting;

namespace OrderFunctions.App.Configuration;

/// <summary>
/// Every options section of the app, in one list (DESIGN D8): start-up registers and validates them from it, and
/// tests compare it with <c>local.settings.sample.json</c>, the Bicep app settings and the README.
/// </summary>
internal static class AppOptions
{
    public static IReadOnlyList<OptionsSection> Sections { get; } =
    [
        OptionsSection.For<StandaloneOptions>(StandaloneOptions.SectionName, standaloneOnly: true),
        OptionsSection.For<WorkflowOptions>(WorkflowOptions.SectionName),
        OptionsSection.For<NotificationOptions>(NotificationOptions.SectionName),
        OptionsSection.For<SecretsOptions>(SecretsOptions.SectionName),
    ];

    /// <summary>Binds and validates (at start) every section the given mode reads.</summary>
    public static IServiceCollection AddAppOptions(this IServiceCollection services, IConfiguration configuration, HandlerMode mode)
    {
        foreach (var section in Sections.Where(s => mode == HandlerMode.Standalone || !s.StandaloneOnly))
        {
            section.Register(services, configuration);
        }

        return services;
    }
}
