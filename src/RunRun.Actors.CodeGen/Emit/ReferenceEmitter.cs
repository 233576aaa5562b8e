using System.Linq;
using RunRun.Actors.CodeGen.Models;

namespace RunRun.Actors.CodeGen.Emit;

/// <summary>Writes the reference class of one grain interface: every method becomes a request to the runtime.</summary>
internal static class ReferenceEmitter
{
    private const string Invocation = "global::RunRun.Actors.Invocation";

    public static void Emit(CodeWriter writer, GrainInterfaceModel grainInterface, GeneratedNames names)
    {
        var className = names.Reference(grainInterface);
        writer.Open($"internal sealed class {className} : {Invocation}.GrainReference, {grainInterface.TypeName}");
        writer.Line($"public {className}({Invocation}.GrainCallRuntime runtime, global::RunRun.Actors.GrainId grainId)");
        writer.Indent();
        writer.Line(": base(runtime, grainId)");
        writer.Unindent();
        writer.Line("{");
        writer.Line("}");
        writer.Line();
        writer.Line($"public override string InterfaceName => {Literals.String(grainInterface.Name)};");
        for (var i = 0; i < grainInterface.Methods.Count; i++)
        {
            writer.Line();
            EmitMethod(writer, grainInterface.Methods[i], names.Invokable(grainInterface, i));
        }

        writer.Close();
    }

    private static void EmitMethod(CodeWriter writer, GrainMethodModel method, string invokableClass)
    {
        var parameters = method.Parameters;
        var signature = string.Join(", ", parameters.Select(p => (p.IsParams ? "params " : string.Empty) + p.TypeName + " " + Literals.Identifier(p.Name)));
        writer.Open($"{method.ReturnTypeName} {method.DeclaringInterfaceTypeName}.{Literals.Identifier(method.Name)}({signature})");
        if (parameters.Count == 0)
        {
            writer.Line($"var __request = new {invokableClass}();");
        }
        else
        {
            writer.Line($"var __request = new {invokableClass}");
            writer.Line("{");
            writer.Indent();
            for (var i = 0; i < parameters.Count; i++)
            {
                writer.Line($"{Literals.Field(i)} = {Literals.Identifier(parameters[i].Name)},");
            }

            writer.Unindent();
            writer.Line("};");
        }

        // base. rather than a bare call, so a parameter named InvokeAsync cannot shadow the method.
        writer.Line(method.ReturnKind switch
        {
            ReturnKind.Task => "return base.InvokeAsync(__request);",
            ReturnKind.TaskOfT => $"return base.InvokeAsync<{method.ResultTypeName}>(__request);",
            ReturnKind.ValueTask => "return new global::System.Threading.Tasks.ValueTask(base.InvokeAsync(__request));",
            _ => $"return new global::System.Threading.Tasks.ValueTask<{method.ResultTypeName}>(base.InvokeAsync<{method.ResultTypeName}>(__request));",
        });
        writer.Close();
    }
}
