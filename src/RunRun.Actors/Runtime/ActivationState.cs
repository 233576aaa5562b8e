namespace RunRun.Actors.Runtime;

internal enum ActivationState
{
    Created,
    Activating,
    Valid,
    Deactivating,
    Invalid,
}
