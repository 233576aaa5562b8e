namespace RunRun.Actors.Invocation;

/// <summary>How a method may be scheduled, from its interface attributes.</summary>
[Flags]
public enum InvokeMethodOptions
{
    None = 0,
    OneWay = 1,
    ReadOnly = 2,
    AlwaysInterleave = 4,
}
