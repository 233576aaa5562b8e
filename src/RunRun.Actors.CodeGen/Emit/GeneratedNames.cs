using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using RunRun.Actors.CodeGen.Models;

namespace RunRun.Actors.CodeGen.Emit;

/// <summary>
/// Names of the generated classes, assigned up front so they are unique in the file: sanitizing
/// can make different names alike (Ns_A.IFoo and Ns.A_IFoo, or method Get_All and interface
/// IFoo_Get), and the later one then gets a numeric suffix.
/// </summary>
internal sealed class GeneratedNames
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal) { "GrainMetadata" };
    private readonly Dictionary<string, string> _references = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _invokables = new(StringComparer.Ordinal);

    public GeneratedNames(IEnumerable<GrainInterfaceModel> interfaces)
    {
        foreach (var grainInterface in interfaces)
        {
            var sanitized = Sanitize(grainInterface.Name);
            _references[grainInterface.Name] = Reserve("Reference_" + sanitized);
            var invokables = new string[grainInterface.Methods.Count];
            for (var i = 0; i < invokables.Length; i++)
            {
                var index = i.ToString(CultureInfo.InvariantCulture);
                invokables[i] = Reserve($"Invokable_{sanitized}_{Sanitize(grainInterface.Methods[i].Name)}_{index}");
            }

            _invokables[grainInterface.Name] = invokables;
        }
    }

    public string Reference(GrainInterfaceModel grainInterface) => _references[grainInterface.Name];

    public string Invokable(GrainInterfaceModel grainInterface, int methodIndex) => _invokables[grainInterface.Name][methodIndex];

    public static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
        }

        return builder.ToString();
    }

    private string Reserve(string name)
    {
        var unique = name;
        for (var i = 2; !_used.Add(unique); i++)
        {
            unique = name + "_" + i.ToString(CultureInfo.InvariantCulture);
        }

        return unique;
    }
}
