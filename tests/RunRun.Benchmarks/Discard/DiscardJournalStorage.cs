using RunRun.Actors;
using RunRun.Actors.Storage;

namespace RunRun.Benchmarks.Discard;

/// <summary>Journal storage that keeps nothing (see <see cref="DiscardGrainStorage"/>): every append succeeds at once.</summary>
internal sealed class DiscardJournalStorage : IJournalStorage
{
    public Task<JournalReadResult> ReadAsync(GrainId grainId, CancellationToken cancellationToken) => Task.FromResult(JournalReadResult.Empty);

    public Task AppendAsync(GrainId grainId, long expectedVersion, IReadOnlyList<byte[]> events, JournalSnapshot? snapshot, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
