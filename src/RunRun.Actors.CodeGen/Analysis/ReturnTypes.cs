using Microsoft.CodeAnalysis;
using RunRun.Actors.CodeGen.Models;

namespace RunRun.Actors.CodeGen.Analysis;

/// <summary>Recognises the awaitable return types grain methods may have.</summary>
internal static class ReturnTypes
{
    public static ReturnKind? Classify(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol named)
        {
            return null;
        }

        if (GrainSymbols.IsTask(named, "Task", 0))
        {
            return ReturnKind.Task;
        }

        if (GrainSymbols.IsTask(named, "Task", 1))
        {
            return ReturnKind.TaskOfT;
        }

        if (GrainSymbols.IsTask(named, "ValueTask", 0))
        {
            return ReturnKind.ValueTask;
        }

        return GrainSymbols.IsTask(named, "ValueTask", 1) ? ReturnKind.ValueTaskOfT : null;
    }

    public static bool HasResult(ReturnKind kind) => kind is ReturnKind.TaskOfT or ReturnKind.ValueTaskOfT;
}
