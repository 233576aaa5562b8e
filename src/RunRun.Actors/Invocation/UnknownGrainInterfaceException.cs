namespace RunRun.Actors.Invocation;

/// <summary>A grain interface, or the grain class behind it, is not known to this process.</summary>
public sealed class UnknownGrainInterfaceException : InvalidOperationException
{
    public UnknownGrainInterfaceException(string interfaceName)
        : base($"No generated grain metadata for '{interfaceName}'. Grain interfaces must derive from IGrainWithStringKey, IGrainWithGuidKey or IGrainWithIntegerKey, and their assembly must reference RunRun.Actors.CodeGen; a grain class implementing it must be deployed to the silo.")
    {
        InterfaceName = interfaceName;
    }

    public UnknownGrainInterfaceException()
    {
        InterfaceName = string.Empty;
    }

    public UnknownGrainInterfaceException(string message, Exception innerException)
        : base(message, innerException)
    {
        InterfaceName = string.Empty;
    }

    public string InterfaceName { get; }
}
