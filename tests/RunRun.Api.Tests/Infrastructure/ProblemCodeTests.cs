using System.Reflection;
using System.Text.RegularExpressions;
using RunRun.Api.Infrastructure;

namespace RunRun.Api.Tests.Infrastructure;

public sealed partial class ProblemCodeTests
{
    [Fact]
    public void ReadmeErrorTable_EveryCodeIsOneTheApiWrites()
    {
        var readme = File.ReadAllText(RepositoryFiles.ApiReadme());
        var documented = ErrorRow().Matches(readme).Select(m => m.Groups["code"].Value).ToList();
        var codes = typeof(ProblemCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!).ToHashSet();

        documented.Count.ShouldBe(19);
        documented.ShouldAllBe(code => codes.Contains(code));
    }

    [GeneratedRegex(@"^\| `(?<code>[a-z_]+)` \| (?<status>\d{3}) \|", RegexOptions.Multiline)]
    private static partial Regex ErrorRow();
}
