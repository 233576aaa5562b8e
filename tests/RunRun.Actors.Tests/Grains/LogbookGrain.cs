using RunRun.Actors.EventSourcing;

namespace RunRun.Actors.Tests.Grains;

/// <summary>A journaled grain whose state grows with every event, like a hot product's holds.</summary>
public interface ILogbookGrain : IGrainWithStringKey
{
    Task<int> Write(string entry);

    Task<int> Count();
}

public sealed record LogbookEntry(string Text);

public sealed class LogbookState
{
    public List<string> Entries { get; set; } = [];
}

public sealed class LogbookGrain : JournaledGrain<LogbookState, LogbookEntry>, ILogbookGrain
{
    public Task<int> Write(string entry)
    {
        RaiseEvent(new LogbookEntry(entry));
        return Task.FromResult(State.Entries.Count);
    }

    public Task<int> Count() => Task.FromResult(State.Entries.Count);

    protected override void TransitionState(LogbookState state, LogbookEntry change) => state.Entries.Add(change.Text);
}
