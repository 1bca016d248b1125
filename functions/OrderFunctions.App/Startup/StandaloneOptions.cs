using System.ComponentModel.DataAnnotations;

namespace OrderFunctions.App.Startup;

/// <summary>The keys the standalone runtime's HTTP front door accepts, like the function and master keys of a
/// Functions app. Local values live in local.settings.json; they are never needed in Azure.</summary>
internal sealed class StandaloneOptions
{
    public const string SectionName = "Standalone";

    /// <summary>Accepted on <c>function</c>-level routes (header <c>x-functions-key</c> or query <c>code</c>).</summary>
    [Required]
    [MinLength(16)]
    public string FunctionKey { get; set; } = "";

    /// <summary>Accepted on every route; the only key for <c>admin</c>-level routes.</summary>
    [Required]
    [MinLength(16)]
    public string MasterKey { get; set; } = "";
}
