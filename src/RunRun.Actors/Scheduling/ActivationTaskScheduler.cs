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

    // How many activations in a row a thread may hand to itself before it must serve the pool's shared queue.
    private const int MaxLocalChain = 8;

    [ThreadStatic]
    private static LocalHandOff? t_handOff;

    [ThreadStatic]
    private static ActivationTaskScheduler? t_running;

    [ThreadStatic]
    private static List<(IResponseCompletionSource Completion, Response Response)>? t_deferred;

    // The owner's monitor guards the queue (the owner may hold it while it queues work here), and
    // holding it makes "queue empty, so not scheduled" one atomic decision, with no memory-ordering
    // subtleties.
    private InlineQueue<Task> _queue;
    private bool _scheduled;
    // The thread whose local queue holds this activation's work item, until the item starts.
    private LocalHandOff? _handedOffBy;

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

    /// <summary>Runs <paramref name="action"/> as a work item of this activation.</summary>
    public void QueueWorkItem(Action<object?> action, object? state)
    {
        var task = new Task(action, state);
        task.Start(this);
    }

    void IThreadPoolWorkItem.Execute()
    {
        var handOff = t_handOff ??= new LocalHandOff();
        if (_handedOffBy is { } from)
        {
            _handedOffBy = null;
            Volatile.Write(ref from.Waiting, false);
            handOff.Chain = ReferenceEquals(from, handOff) ? handOff.Chain : 0;
        }
        else
        {
            handOff.Chain = 0;
        }

        t_running = this;
        var drained = false;
        try
        {
            for (var i = 0; i < MaxItemsPerTurn; i++)
            {
                Task? task;
                lock (Owner)
                {
                    if (!_queue.TryDequeue(out task))
                    {
                        _scheduled = false;
                        drained = true;
                        break;
                    }
                }

                TryExecuteTask(task);
            }
        }
        finally
        {
            t_running = null;
        }

        if (!drained)
        {
            // Still scheduled and still busy: give the thread back and carry on from the pool's queue.
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        CompleteDeferred();
    }

    protected override void QueueTask(Task task)
    {
        bool schedule;
        lock (Owner)
        {
            _queue.Enqueue(task);
            schedule = !_scheduled;
            _scheduled = true;
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: TryHandOffLocally());
        }
    }

    // Inlining is safe only on the thread that already runs this activation: that keeps one thread inside it.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        IsRunningOnCurrentThread && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (Owner)
        {
            return _queue.ToArray();
        }
    }

    /// <summary>
    /// Whether to put this activation on the calling thread's own queue, where it runs next with the
    /// caller's data still in cache, rather than on the pool's shared first-in, first-out queue. A
    /// worker pops its own queue newest-first, so unbounded use starves older work: a thread keeps at
    /// most one activation there at a time, and after <see cref="MaxLocalChain"/> of them in a row
    /// sends the next one to the shared queue, whose oldest item it then takes. Other threads can
    /// still steal the item, so a caller that blocks does not strand it.
    /// </summary>
    private bool TryHandOffLocally()
    {
        var handOff = t_handOff;
        if (handOff is null || Volatile.Read(ref handOff.Waiting) || handOff.Chain >= MaxLocalChain || !Thread.CurrentThread.IsThreadPoolThread)
        {
            return false;
        }

        handOff.Waiting = true;
        handOff.Chain++;
        _handedOffBy = handOff;
        return true;
    }

    private static void CompleteDeferred()
    {
        var deferred = t_deferred;
        if (deferred is null || deferred.Count == 0)
        {
            return;
        }

        // No activation runs on this thread now, so the continuations resumed here complete directly
        // and cannot add to this list while it is walked.
        foreach (var (completion, response) in deferred)
        {
            completion.CompleteNow(response);
        }

        deferred.Clear();
    }

    /// <summary>One worker thread's record of the activation it handed to itself.</summary>
    private sealed class LocalHandOff
    {
        public bool Waiting;
        public int Chain;
    }
}
