namespace RunRun.Actors.CodeGen.Models;

/// <summary>The awaitable shapes a grain method may return; each has its own invokable base class.</summary>
internal enum ReturnKind
{
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}
