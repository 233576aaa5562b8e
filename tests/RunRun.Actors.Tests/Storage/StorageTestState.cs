namespace RunRun.Actors.Tests.Storage;

/// <summary>The state the storage contract tests write and read back.</summary>
public sealed record StorageTestState(string Text, int Number);
