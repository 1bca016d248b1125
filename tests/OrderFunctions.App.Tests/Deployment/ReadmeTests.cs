using System.Runtime.Versioning;
using System.Text.RegularExpressions;

namespace OrderFunctions.App.Tests.Deployment;

/// <summary>The README's promises that a file can check: the two set-up commands exist, CI runs the test one, and every
/// script and doc page it names is in the repository.</summary>
[SupportedOSPlatform("linux")]
public sealed partial class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepositoryLayout.Root, "README.md"));

    [Theory]
    [InlineData("scripts/run-local.sh")]
    [InlineData("scripts/test.sh")]
    public void TheTwoSetUpCommandsAreInTheTwoCommandsBlockAndExecutable(string script)
    {
        var block = TwoCommandsBlock().Match(Readme);
        Assert.True(block.Success, "README has no '## Two commands' section with a bash block");
        Assert.Contains(script, block.Groups["commands"].Value, StringComparison.Ordinal);

        var path = Path.Combine(RepositoryLayout.Root, script);
        Assert.True(File.Exists(path), $"{script} is named by the README but missing");
        Assert.True((File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0, $"{script} is not executable");
    }

    [Fact]
    public void CiRunsTheReadmesTestCommand()
    {
        var ci = File.ReadAllText(Path.Combine(RepositoryLayout.Root, ".ci", "run"));

        Assert.Contains("scripts/test.sh", ci, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryScriptAndDocPageTheReadmeNamesExists()
    {
        var named = RepositoryPath().Matches(Readme).Select(m => m.Value).Distinct().ToList();
        Assert.NotEmpty(named);

        var missing = named
            .Where(p => !p.Contains('*', StringComparison.Ordinal))
            .Where(p => !File.Exists(Path.Combine(RepositoryLayout.Root, p)) && !Directory.Exists(Path.Combine(RepositoryLayout.Root, p)))
            .ToList();
        Assert.True(missing.Count == 0, "README names missing files: " + string.Join(", ", missing));
    }

    [GeneratedRegex(@"## Two commands.*?```bash\n(?<commands>.*?)```", RegexOptions.Singleline)]
    private static partial Regex TwoCommandsBlock();

    [GeneratedRegex(@"(?<![\w/.])(?:scripts|docs|infra)/[\w./*-]+\.(?:sh|md|bicep)")]
    private static partial Regex RepositoryPath();
}
