using System;

namespace RunRun.Actors.CodeGen.Models;

/// <summary>Mirrors RunRun.Actors.Invocation.InvokeMethodOptions, which the generator cannot reference.</summary>
[Flags]
internal enum MethodOptions
{
    None = 0,
    OneWay = 1,
    ReadOnly = 2,
    AlwaysInterleave = 4,
}
