using System.Text.Json.Serialization;
using RunRun.Actors.Concurrency;
using RunRun.Actors.EventSourcing;

namespace RunRun.Actors.Tests.Grains;

/// <summary>A journaled grain whose state keeps the last event object, to see which object each state got.</summary>
public interface INotebookGrain : IGrainWithStringKey
{
    Task<NotebookCheck> WriteAndConfirm(string text, bool immutable);
}

/// <summary>Whether the confirmed state holds the very event object the tentative state holds, and what it reads.</summary>
public sealed record NotebookCheck(bool SameObject, string? ConfirmedText);

[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(PinnedNote), "pinned")]
[JsonDerivedType(typeof(DraftNote), "draft")]
public abstract record NoteEvent(string Text);

[Immutable]
public sealed record PinnedNote(string Text) : NoteEvent(Text);

public sealed record DraftNote(string Text) : NoteEvent(Text);

public sealed class NotebookState
{
    public NoteEvent? Last { get; set; }
}

public sealed class NotebookGrain : JournaledGrain<NotebookState, NoteEvent>, INotebookGrain
{
    public async Task<NotebookCheck> WriteAndConfirm(string text, bool immutable)
    {
        RaiseEvent(immutable ? new PinnedNote(text) : new DraftNote(text));
        await ConfirmEvents();
        return new NotebookCheck(ReferenceEquals(State.Last, ConfirmedState.Last), ConfirmedState.Last?.Text);
    }

    protected override void TransitionState(NotebookState state, NoteEvent change) => state.Last = change;
}
