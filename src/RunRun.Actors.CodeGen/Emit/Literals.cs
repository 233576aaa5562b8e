using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using RunRun.Actors.CodeGen.Models;

namespace RunRun.Actors.CodeGen.Emit;

/// <summary>C# spellings of values that appear in generated code.</summary>
internal static class Literals
{
    public static string String(string? value) => value is null ? "null" : SymbolDisplay.FormatLiteral(value, quote: true);

    public static string Options(MethodOptions options)
    {
        const string Prefix = "global::RunRun.Actors.Invocation.InvokeMethodOptions.";
        var flags = new List<string>();
        if ((options & MethodOptions.OneWay) != 0)
        {
            flags.Add(Prefix + "OneWay");
        }

        if ((options & MethodOptions.ReadOnly) != 0)
        {
            flags.Add(Prefix + "ReadOnly");
        }

        if ((options & MethodOptions.AlwaysInterleave) != 0)
        {
            flags.Add(Prefix + "AlwaysInterleave");
        }

        return flags.Count == 0 ? Prefix + "None" : string.Join(" | ", flags);
    }

    public static string Identifier(string name) => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    public static string ArgumentList(int count) => string.Join(", ", Enumerable.Range(0, count).Select(Field));

    public static string Field(int index) => "arg" + index.ToString(CultureInfo.InvariantCulture);
}
