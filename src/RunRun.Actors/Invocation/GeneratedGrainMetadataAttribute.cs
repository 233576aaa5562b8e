namespace RunRun.Actors.Invocation;

/// <summary>Points at the generated class that registers an assembly's grain interfaces and classes.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class GeneratedGrainMetadataAttribute(Type providerType) : Attribute
{
    public Type ProviderType { get; } = providerType;
}

/// <summary>Implemented by generated code: adds one assembly's grain metadata to the registry.</summary>
public interface IGeneratedGrainMetadata
{
    void Populate(GrainTypeRegistry registry);
}
