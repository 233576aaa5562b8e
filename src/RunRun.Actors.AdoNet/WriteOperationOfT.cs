namespace RunRun.Actors.AdoNet;

/// <summary>A <see cref="WriteOperation"/> whose caller awaits a <typeparamref name="TResult"/>.</summary>
internal abstract class WriteOperation<TResult>(CancellationToken cancellationToken) : WriteOperation(cancellationToken)
{
    // Completions run on the writer loop's thread; callers must continue elsewhere.
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<TResult> Task => _completion.Task;

    /// <summary>The value <see cref="WriteOperation.Execute"/> produced, handed to the caller after the commit.</summary>
    protected TResult? Result { get; set; }

    protected override void SetResult() => _completion.TrySetResult(Result!);

    protected override void SetException(Exception exception) => _completion.TrySetException(exception);

    protected override void SetCanceled(CancellationToken cancellationToken) => _completion.TrySetCanceled(cancellationToken);
}
