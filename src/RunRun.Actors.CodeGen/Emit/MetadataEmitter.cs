using System.Collections.Generic;
using System.Linq;
using RunRun.Actors.CodeGen.Models;

namespace RunRun.Actors.CodeGen.Emit;

/// <summary>Writes the class that registers the compilation's grain interfaces and classes with the runtime.</summary>
internal static class MetadataEmitter
{
    private const string Invocation = "global::RunRun.Actors.Invocation";
    private const string Services = "global::Microsoft.Extensions.DependencyInjection";

    public static void Emit(CodeWriter writer, GenerationModel model, GeneratedNames names)
    {
        writer.Open($"internal sealed class GrainMetadata : {Invocation}.IGeneratedGrainMetadata");
        writer.Open($"public void Populate({Invocation}.GrainTypeRegistry registry)");
        foreach (var grainInterface in model.Interfaces)
        {
            EmitInterface(writer, grainInterface, names);
        }

        foreach (var grainClass in model.Classes)
        {
            EmitClass(writer, grainClass);
        }

        writer.Close();
        writer.Close();
    }

    private static void EmitInterface(CodeWriter writer, GrainInterfaceModel grainInterface, GeneratedNames names)
    {
        writer.Line($"registry.RegisterInterface(new {Invocation}.GrainInterfaceMetadata");
        writer.Line("{");
        writer.Indent();
        writer.Line($"InterfaceType = typeof({grainInterface.TypeName}),");
        writer.Line($"InterfaceName = {Literals.String(grainInterface.Name)},");
        writer.Line($"CreateReference = static (runtime, id) => new {names.Reference(grainInterface)}(runtime, id),");
        // Only declared methods: inherited ones arrive addressed to the interface that declares them.
        writer.Line($"Methods = new global::System.Collections.Generic.Dictionary<string, global::System.Func<{Invocation}.Invokable>>");
        writer.Line("{");
        writer.Indent();
        for (var i = 0; i < grainInterface.Methods.Count; i++)
        {
            var method = grainInterface.Methods[i];
            if (method.IsDeclaredHere)
            {
                writer.Line($"[{Literals.String(method.MethodId)}] = static () => new {names.Invokable(grainInterface, i)}(),");
            }
        }

        writer.Unindent();
        writer.Line("},");
        writer.Line($"SerializedTypes = {TypeArray(grainInterface.SerializedTypes)},");
        writer.Unindent();
        writer.Line("});");
    }

    private static void EmitClass(CodeWriter writer, GrainClassModel grainClass)
    {
        writer.Line($"registry.RegisterClass(new {Invocation}.GrainClassMetadata");
        writer.Line("{");
        writer.Indent();
        writer.Line($"GrainClass = typeof({grainClass.TypeName}),");
        writer.Line($"Interfaces = {TypeArray(grainClass.InterfaceTypeNames)},");
        var arguments = grainClass.Arguments.Select(Argument).ToList();
        if (arguments.Count == 0)
        {
            writer.Line($"Factory = static (services, context) => new {grainClass.TypeName}(),");
        }
        else
        {
            writer.Line($"Factory = static (services, context) => new {grainClass.TypeName}(");
            writer.Indent();
            for (var i = 0; i < arguments.Count; i++)
            {
                writer.Line(arguments[i] + (i < arguments.Count - 1 ? "," : "),"));
            }

            writer.Unindent();
        }

        writer.Line($"PersistentStates = {StateArray(grainClass.PersistentStates)},");
        writer.Unindent();
        writer.Line("});");
    }

    private static string Argument(ConstructorArgumentModel argument, int index) => argument.Kind switch
    {
        ConstructorArgumentKind.GrainContext => "context",
        ConstructorArgumentKind.PersistentState => $"context.GetPersistentState<{argument.TypeName}>({NewState(argument.State!)})",
        ConstructorArgumentKind.KeyedService =>
            $"{Services}.ServiceProviderKeyedServiceExtensions.GetRequiredKeyedService<{argument.TypeName}>(services, {argument.Key})",
        ConstructorArgumentKind.OptionalService when argument.IsValueType =>
            $"services.GetService(typeof({argument.TypeName})) is {argument.TypeName} __arg{index} ? __arg{index} : {argument.DefaultValue}",
        ConstructorArgumentKind.OptionalService when argument.DefaultValue == "null" =>
            $"{Services}.ServiceProviderServiceExtensions.GetService<{argument.TypeName}>(services)",
        ConstructorArgumentKind.OptionalService =>
            $"{Services}.ServiceProviderServiceExtensions.GetService<{argument.TypeName}>(services) ?? {argument.DefaultValue}",
        _ => $"{Services}.ServiceProviderServiceExtensions.GetRequiredService<{argument.TypeName}>(services)",
    };

    private static string NewState(PersistentStateModel state) =>
        $"new global::RunRun.Actors.Runtime.PersistentStateAttribute({Literals.String(state.StateName)}, {Literals.String(state.StorageName)})";

    private static string TypeArray(IEnumerable<string> typeNames)
    {
        var items = typeNames.Select(t => $"typeof({t})").ToList();
        return items.Count == 0
            ? "global::System.Array.Empty<global::System.Type>()"
            : $"new global::System.Type[] {{ {string.Join(", ", items)} }}";
    }

    private static string StateArray(IEnumerable<PersistentStateModel> states)
    {
        var items = states.Select(NewState).ToList();
        return items.Count == 0
            ? "global::System.Array.Empty<global::RunRun.Actors.Runtime.PersistentStateAttribute>()"
            : $"new global::RunRun.Actors.Runtime.PersistentStateAttribute[] {{ {string.Join(", ", items)} }}";
    }
}
