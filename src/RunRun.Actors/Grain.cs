using RunRun.Actors.Reminders;
using RunRun.Actors.Runtime;
using RunRun.Actors.Timers;

namespace RunRun.Actors;

/// <summary>
/// Base class of grains. The runtime constructs grains (through generated factories) and sets
/// their context before the constructor body runs, so key and factory are usable there too.
/// </summary>
public abstract class Grain : IAddressable
{
    protected Grain()
    {
        GrainContext = ActivationData.Constructing
            ?? throw new InvalidOperationException($"{GetType().Name} is a grain: the runtime creates it. Get a reference with IGrainFactory.GetGrain instead.");
    }

    public IGrainContext GrainContext { get; }

    public GrainId GrainId => GrainContext.GrainId;

    protected IGrainFactory GrainFactory => GrainContext.GrainFactory;

    protected IServiceProvider ServiceProvider => GrainContext.ActivationServices;

    private ActivationData Activation => (ActivationData)GrainContext;

    /// <summary>Runs after state is loaded and before the first request.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs once the last request has finished, before the activation is dropped.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation once its current request has finished.</summary>
    protected void DeactivateOnIdle() =>
        GrainContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle was called."));

    protected void DelayDeactivation(TimeSpan timeSpan) => GrainContext.DelayDeactivation(timeSpan);

    /// <summary>A timer whose callback runs as a turn of this activation; it dies with the activation.</summary>
    protected IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Activation.RegisterTimer((s, ct) => callback((TState)s!, ct), state, options);
    }

    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Activation.RegisterTimer((_, ct) => callback(ct), null, new GrainTimerCreationOptions(dueTime, period));
    }

    /// <summary>A durable reminder: it survives deactivation and silo restarts, and reactivates the grain.</summary>
    protected Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        if (this is not IRemindable)
        {
            throw new InvalidOperationException($"{GetType().Name} must implement IRemindable to register reminders.");
        }

        return Activation.Reminders.RegisterOrUpdateReminderAsync(GrainId, reminderName, dueTime, period, CancellationToken.None);
    }

    protected Task UnregisterReminder(IGrainReminder reminder) =>
        Activation.Reminders.UnregisterReminderAsync(reminder, CancellationToken.None);

    protected Task<IGrainReminder?> GetReminder(string reminderName) =>
        Activation.Reminders.GetReminderAsync(GrainId, reminderName, CancellationToken.None);

    protected Task<IReadOnlyList<IGrainReminder>> GetReminders() =>
        Activation.Reminders.GetRemindersAsync(GrainId, CancellationToken.None);
}
