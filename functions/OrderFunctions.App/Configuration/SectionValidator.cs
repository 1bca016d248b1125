using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace OrderFunctions.App.Configuration;

/// <summary>Validates an options class by its data annotations and names each failure by its app-setting key, so a
/// start-up error says which setting to fix. Messages never include values (they may be secrets).</summary>
internal sealed class SectionValidator<TOptions>(string section) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(results.Select(result =>
            $"{string.Join(", ", result.MemberNames.Select(member => OptionsSection.AppSettingKey(section, member)))}: {result.ErrorMessage}"));
    }
}
