using System.Reflection;
using Microsoft.Extensions.Options;

namespace OrderFunctions.App.Configuration;

/// <summary>
/// One options class bound to one configuration section (DESIGN D8): data-annotation validated at start-up, with
/// failures named by their app-setting key (<c>Section__Property</c>). Options classes are flat: each public
/// settable property is one key.
/// </summary>
internal sealed class OptionsSection
{
    private readonly Action<IServiceCollection, IConfiguration> register;

    private OptionsSection(Type optionsType, string name, bool standaloneOnly, Action<IServiceCollection, IConfiguration> register)
    {
        OptionsType = optionsType;
        Name = name;
        StandaloneOnly = standaloneOnly;
        this.register = register;
    }

    public Type OptionsType { get; }

    /// <summary>The configuration section, e.g. <c>Standalone</c>.</summary>
    public string Name { get; }

    /// <summary>Read only by <c>handler standalone</c>; such keys belong in local settings, not in Azure.</summary>
    public bool StandaloneOnly { get; }

    /// <summary>The app settings this section reads, e.g. <c>Standalone__FunctionKey</c>.</summary>
    public IReadOnlyList<string> AppSettingKeys =>
    [
        .. OptionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.SetMethod is { IsPublic: true })
            .Select(property => AppSettingKey(Name, property.Name)),
    ];

    public static OptionsSection For<TOptions>(string name, bool standaloneOnly = false)
        where TOptions : class =>
        new(typeof(TOptions), name, standaloneOnly, (services, configuration) =>
        {
            services.AddOptions<TOptions>().Bind(configuration.GetSection(name)).ValidateOnStart();
            services.AddSingleton<IValidateOptions<TOptions>>(new SectionValidator<TOptions>(name));
        });

    public void Register(IServiceCollection services, IConfiguration configuration) => register(services, configuration);

    /// <summary>The app-setting form of a configuration key (<c>Section__Property</c>; <c>:</c> is not allowed in
    /// Linux app settings).</summary>
    public static string AppSettingKey(string section, string property) => $"{section}__{property}";
}
