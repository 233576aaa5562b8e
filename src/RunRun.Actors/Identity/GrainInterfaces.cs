namespace RunRun.Actors;

/// <summary>Anything that has a grain identity: grain references and grains themselves.</summary>
public interface IAddressable;

/// <summary>Marker for grain interfaces. Use one of the keyed variants.</summary>
public interface IGrain : IAddressable;

public interface IGrainWithStringKey : IGrain;

public interface IGrainWithGuidKey : IGrain;

public interface IGrainWithIntegerKey : IGrain;
