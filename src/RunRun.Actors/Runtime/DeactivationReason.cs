namespace RunRun.Actors.Runtime;

public enum DeactivationReasonCode
{
    None,
    ApplicationRequested,
    ActivationIdle,
    InconsistentState,
    ShuttingDown,
    ActivationFailed,
}

/// <summary>Why an activation is being deactivated, passed to OnDeactivateAsync.</summary>
public readonly record struct DeactivationReason(DeactivationReasonCode ReasonCode, string Description)
{
    public override string ToString() => $"{ReasonCode}: {Description}";
}
