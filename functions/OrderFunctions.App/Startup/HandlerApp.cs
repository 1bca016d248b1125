using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OrderFunctions.App.Configuration;
using OrderFunctions.Hosting.Contract;
using OrderFunctions.Hosting.Definitions;

namespace OrderFunctions.App.Startup;

/// <summary>How to build the handler's web app.</summary>
internal sealed record HandlerAppSettings
{
    /// <summary>The port on 127.0.0.1; 0 picks a free one (see <see cref="HandlerApp.ListeningUri"/>).</summary>
    public required int Port { get; init; }

    public required HandlerMode Mode { get; init; }

    public FunctionCatalog Catalog { get; init; } = AppFunctions.Create();

    /// <summary>A local.settings.json whose Values become settings below the environment variables.</summary>
    public string? LocalSettingsPath { get; init; }

    /// <summary>Settings above every other source (tests).</summary>
    public IReadOnlyDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();

    /// <summary>Extra registrations after the app's own (tests).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }
}

/// <summary>The handler: an ASP.NET Core app on 127.0.0.1 that answers the host's readiness probe, timer and queue
/// invocations and forwarded HTTP requests (DESIGN D1).</summary>
internal static class HandlerApp
{
    // Function lines reach the host through the invocation's Logs; the console gets only their warnings and errors,
    // so that the host does not log every line twice.
    private static readonly Dictionary<string, string?> Defaults = new()
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        [$"Logging:LogLevel:{FunctionEndpoints.FunctionLogCategoryPrefix}"] = "Warning",
    };

    // Settings are app settings (environment variables) and local.settings.json, read once; the package has no
    // appsettings.json to reload. Without this the builder watches the package folder for one (issue 7: start time).
    private const string NoConfigurationReload = "--hostBuilder:reloadConfigOnChange=false";

    public static WebApplication Build(HandlerAppSettings settings)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            Args = [NoConfigurationReload],
        });
        AddSettingSources(builder.Configuration, settings);
        ConfigureLogging(builder.Logging);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, settings.Port);
        });

        builder.Services.AddOrderFunctions(builder.Configuration, settings.Catalog, settings.Mode);
        settings.ConfigureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // The host's readiness probe before routing, so that the route table is not built for it (issue 7).
        app.UseReadinessProbe();
        app.UseRouting();
        app.MapFunctions();
        return app;
    }

    /// <summary>Starts the app; invalid options become one <see cref="StartupException"/> naming every bad key.</summary>
    public static async Task StartAsync(WebApplication app, CancellationToken cancellationToken)
    {
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception e) when (OptionsFailures(e) is { Count: > 0 } failures)
        {
            throw StartupException.Configuration($"Configuration is invalid:\n  {string.Join("\n  ", failures)}");
        }
    }

    /// <summary>Where the started app listens, e.g. <c>http://127.0.0.1:51234</c>.</summary>
    public static Uri ListeningUri(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());

    // Lowest to highest: defaults, local.settings.json, environment variables, overrides (as func start layers them).
    private static void AddSettingSources(ConfigurationManager configuration, HandlerAppSettings settings)
    {
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Defaults });
        if (settings.LocalSettingsPath is { } path)
        {
            var environment = configuration.Sources.ToList().FindIndex(s => s is EnvironmentVariablesConfigurationSource { Prefix: null or "" });
            configuration.Sources.Insert(
                environment < 0 ? configuration.Sources.Count : environment,
                new MemoryConfigurationSource { InitialData = LocalSettings.Read(path) });
        }

        configuration.AddInMemoryCollection(settings.Overrides);
    }

    // One line per entry; errors on stderr, which the host logs as errors (stdout as information).
    private static void ConfigureLogging(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.UseUtcTimestamp = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
        });
        logging.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Error);
    }

    private static List<string> OptionsFailures(Exception e) => e switch
    {
        OptionsValidationException options => [.. options.Failures],
        AggregateException aggregate => [.. aggregate.InnerExceptions.SelectMany(OptionsFailures)],
        _ => [],
    };
}
