using System.Data.Common;
using RunRun.Actors.Storage;

namespace RunRun.Actors.AdoNet;

/// <summary>
/// One write waiting for the writer loop. The loop runs it inside a batch's transaction and completes
/// it only after that transaction commits.
/// </summary>
/// <remarks>
/// <see cref="Execute"/> may throw <see cref="InconsistentStateException"/> only before it has
/// written anything: the loop then fails this operation alone and carries on with the batch. Any
/// other exception may leave partial writes, so the loop rolls the batch back and runs it again
/// without this operation.
/// </remarks>
internal abstract class WriteOperation
{
    private const int Queued = 0;
    private const int Taken = 1;
    private const int Cancelled = 2;

    private readonly CancellationToken _cancellationToken;
    private CancellationTokenRegistration _registration;
    private int _state;

    protected WriteOperation(CancellationToken cancellationToken)
    {
        _cancellationToken = cancellationToken;
    }

    /// <summary>A conflict found by the last <see cref="Execute"/>; null when it wrote.</summary>
    public InconsistentStateException? Conflict { get; private set; }

    /// <summary>Called once the operation is queued: cancelling it before the loop takes it drops it unwritten.</summary>
    public void ObserveCancellation()
    {
        if (_cancellationToken.CanBeCanceled)
        {
            _registration = _cancellationToken.UnsafeRegister(static state => ((WriteOperation)state!).TryCancel(), this);
        }
    }

    /// <summary>Claims the operation for a batch; false when it was cancelled first, so it must not be written.</summary>
    public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Queued) == Queued;

    public void Execute(WriteSession session)
    {
        Conflict = null;
        try
        {
            ExecuteCore(session);
        }
        catch (InconsistentStateException conflict)
        {
            Conflict = conflict;
        }
    }

    /// <summary>Completes the operation after its batch committed: with its result, or with its conflict.</summary>
    public void Complete()
    {
        _registration.Dispose();
        if (Conflict is { } conflict)
        {
            SetException(conflict);
        }
        else
        {
            SetResult();
        }
    }

    public void Fail(Exception exception)
    {
        _registration.Dispose();
        SetException(exception);
    }

    /// <summary>The error the caller sees when <see cref="Execute"/> threw <paramref name="exception"/> part-way.</summary>
    public virtual Exception TranslateFailure(Exception exception, IStorageDialect dialect) => exception;

    protected abstract void ExecuteCore(WriteSession session);

    protected abstract void SetResult();

    protected abstract void SetException(Exception exception);

    protected abstract void SetCanceled(CancellationToken cancellationToken);

    protected static bool IsDuplicateKey(Exception exception, IStorageDialect dialect) =>
        exception is DbException dbException && dialect.IsDuplicateKey(dbException);

    private void TryCancel()
    {
        if (Interlocked.CompareExchange(ref _state, Cancelled, Queued) == Queued)
        {
            SetCanceled(_cancellationToken);
        }
    }
}
