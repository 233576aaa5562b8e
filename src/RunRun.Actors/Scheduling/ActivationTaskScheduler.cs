using System.Collections.Concurrent;
using RunRun.Actors.Invocation;

namespace RunRun.Actors.Scheduling;

/// <summary>
/// One activation's scheduler: runs the activation's work items one at a time on the .NET thread
/// pool. Continuations of awaits inside grain code capture it as TaskScheduler.Current, which is
/// what brings them back to their activation. Never more than one thread runs its items.
/// </summary>
internal sealed class ActivationTaskScheduler : TaskScheduler, IThreadPoolWorkItem
{
    // Bounded so that one busy activation yields its thread to others now and then.
    private const int MaxItemsPerTurn = 128;

    [ThreadStatic]
    private static ActivationTaskScheduler? t_running;

    [ThreadStatic]
    private static List<(IResponseCompletionSource Completion, Response Response)>? t_deferred;

    private readonly ConcurrentQueue<Task> _queue = new();
    private int _scheduled;

    public ActivationTaskScheduler(object owner) => Owner = owner;

    /// <summary>The activation this scheduler runs, so code can ask which grain it is running in.</summary>
    public object Owner { get; }

    public override int MaximumConcurrencyLevel => 1;

    /// <summary>True on the thread currently running this scheduler's items.</summary>
    public bool IsRunningOnCurrentThread => ReferenceEquals(t_running, this);

    /// <summary>
    /// Completes a caller's response once the current activation work is over. A caller resumed
    /// inside a turn would inherit the activation's scheduler; resumed here, after the activation has
    /// been released, it runs on this thread with no hop to the thread pool and no way to block the grain.
    /// </summary>
    public static void Deliver(IResponseCompletionSource completion, Response response)
    {
        if (t_running is null)
        {
            completion.CompleteNow(response);
            return;
        }

        (t_deferred ??= []).Add((completion, response));
    }

    public void QueueWorkItem(Action<object?> action, object? state)
    {
        var task = new Task(action, state);
        task.Start(this);
    }

    /// <summary>Runs <paramref name="function"/> as a work item of this activation and returns its task.</summary>
    public Task RunAsync(Func<Task> function) =>
        Task.Factory.StartNew(function, CancellationToken.None, TaskCreationOptions.DenyChildAttach, this).Unwrap();

    void IThreadPoolWorkItem.Execute()
    {
        t_running = this;
        try
        {
            for (var i = 0; i < MaxItemsPerTurn && _queue.TryDequeue(out var task); i++)
            {
                TryExecuteTask(task);
            }
        }
        finally
        {
            t_running = null;
        }

        // A full fence, not a release store: the emptiness check below must not move before it, or an
        // item queued meanwhile would find the flag still set and this check would miss it.
        Interlocked.Exchange(ref _scheduled, 0);
        if (!_queue.IsEmpty && Interlocked.Exchange(ref _scheduled, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        CompleteDeferred();
    }

    private static void CompleteDeferred()
    {
        var deferred = t_deferred;
        if (deferred is null || deferred.Count == 0)
        {
            return;
        }

        // A continuation run below may itself defer completions (it might be grain code resumed inline
        // by another completion); give it a fresh list and finish this one first.
        t_deferred = null;
        foreach (var (completion, response) in deferred)
        {
            completion.CompleteNow(response);
        }

        deferred.Clear();
        t_deferred ??= deferred;
        if (t_deferred.Count > 0)
        {
            CompleteDeferred();
        }
    }

    protected override void QueueTask(Task task)
    {
        _queue.Enqueue(task);
        if (Interlocked.Exchange(ref _scheduled, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    // Inlining is safe only on the thread that already runs this activation: that keeps one thread inside it.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        IsRunningOnCurrentThread && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();
}
