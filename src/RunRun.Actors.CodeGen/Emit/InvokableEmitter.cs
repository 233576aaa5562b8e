using RunRun.Actors.CodeGen.Models;

namespace RunRun.Actors.CodeGen.Emit;

/// <summary>Writes the invokable class of one grain method: its arguments, how to call it and how to (de)serialize it.</summary>
internal static class InvokableEmitter
{
    private const string Invocation = "global::RunRun.Actors.Invocation";
    private const string Serializer = "global::RunRun.Actors.Serialization.ActorSerializer";
    private const string Json = "global::System.Text.Json";

    public static void Emit(CodeWriter writer, string className, GrainMethodModel method)
    {
        writer.Open($"internal sealed class {className} : {BaseClass(method)}");
        var parameters = method.Parameters;
        for (var i = 0; i < parameters.Count; i++)
        {
            writer.Line($"public {parameters[i].TypeName} {Literals.Field(i)} = default!;");
        }

        if (parameters.Count > 0)
        {
            writer.Line();
        }

        writer.Line($"public override string InterfaceName => {Literals.String(method.DeclaringInterfaceName)};");
        writer.Line();
        writer.Line($"public override string MethodName => {Literals.String(method.MethodId)};");
        writer.Line();
        writer.Line($"public override {Invocation}.InvokeMethodOptions Options => {Literals.Options(method.Options)};");
        writer.Line();
        writer.Line($"protected override {method.ReturnTypeName} InvokeInner(object grain) =>");
        writer.Indent();
        writer.Line($"(({method.DeclaringInterfaceTypeName})grain).{Literals.Identifier(method.Name)}({Literals.ArgumentList(parameters.Count)});");
        writer.Unindent();
        writer.Line();
        EmitCopy(writer, parameters);
        writer.Line();
        EmitWrite(writer, parameters);
        writer.Line();
        EmitRead(writer, method);
        writer.Close();
    }

    private static string BaseClass(GrainMethodModel method) => method.ReturnKind switch
    {
        ReturnKind.Task => $"{Invocation}.Request",
        ReturnKind.TaskOfT => $"{Invocation}.Request<{method.ResultTypeName}>",
        ReturnKind.ValueTask => $"{Invocation}.ValueTaskRequest",
        _ => $"{Invocation}.ValueTaskRequest<{method.ResultTypeName}>",
    };

    private static void EmitCopy(CodeWriter writer, EquatableArray<ParameterModel> parameters)
    {
        writer.Open($"public override void CopyArguments({Serializer} serializer)");
        for (var i = 0; i < parameters.Count; i++)
        {
            writer.Line($"{Literals.Field(i)} = serializer.Copy<{parameters[i].TypeName}>({Literals.Field(i)});");
        }

        writer.Close();
    }

    private static void EmitWrite(CodeWriter writer, EquatableArray<ParameterModel> parameters)
    {
        writer.Open($"public override void WriteArguments({Json}.Utf8JsonWriter writer, {Serializer} serializer)");
        writer.Line("writer.WriteStartArray();");
        for (var i = 0; i < parameters.Count; i++)
        {
            writer.Line($"serializer.Write<{parameters[i].TypeName}>(writer, {Literals.Field(i)});");
        }

        writer.Line("writer.WriteEndArray();");
        writer.Close();
    }

    private static void EmitRead(CodeWriter writer, GrainMethodModel method)
    {
        var callName = $"{method.DeclaringInterfaceName}.{method.MethodId}";
        var wrongCount = $"throw new {Json}.JsonException({Literals.String("Wrong number of arguments for " + callName + ".")});";
        writer.Open($"public override void ReadArguments(ref {Json}.Utf8JsonReader reader, {Serializer} serializer)");
        writer.Open($"if (reader.TokenType != {Json}.JsonTokenType.StartArray)");
        writer.Line($"throw new {Json}.JsonException({Literals.String("The arguments of " + callName + " must be a JSON array.")});");
        writer.Close();
        var parameters = method.Parameters;
        for (var i = 0; i < parameters.Count; i++)
        {
            writer.Line();
            writer.Open($"if (!reader.Read() || reader.TokenType == {Json}.JsonTokenType.EndArray)");
            writer.Line(wrongCount);
            writer.Close();
            writer.Line();
            // Read<T> leaves the reader on the value's last token, so the next Read moves past it.
            writer.Line($"{Literals.Field(i)} = serializer.Read<{parameters[i].TypeName}>(ref reader);");
        }

        writer.Line();
        writer.Open($"if (!reader.Read() || reader.TokenType != {Json}.JsonTokenType.EndArray)");
        writer.Line(wrongCount);
        writer.Close();
        writer.Close();
    }
}
