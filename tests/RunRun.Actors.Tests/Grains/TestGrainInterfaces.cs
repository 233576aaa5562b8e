using RunRun.Actors.Concurrency;

namespace RunRun.Actors.Tests.Grains;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment();

    Task<int> Get();

    Task Throw(string message);
}

/// <summary>Records how many requests are inside the grain at once, and on how many threads.</summary>
public interface IProbeGrain : IGrainWithStringKey
{
    Task<int> Enter(int sequence, int yields);

    [ReadOnly]
    Task<int> Read(int yields);

    [AlwaysInterleave]
    Task<int> Interleave(int yields);

    Task<int> Detached(int sequence);

    Task<ProbeReport> Report();
}

public interface IReentrantProbeGrain : IGrainWithGuidKey
{
    Task<int> Enter(int sequence, int yields);

    Task Block();

    Task Release();

    Task<ProbeReport> Report();
}

public interface ICycleGrain : IGrainWithIntegerKey
{
    Task<int> Ping(long other, int depth);
}

public interface IBagGrain : IGrainWithStringKey
{
    Task<Bag> Mutate(Bag bag);

    Task<Bag> Stored();

    [OneWay]
    Task Fire(string note);

    Task<List<string>> Notes();
}

public interface IGateGrain : IGrainWithStringKey
{
    Task Block();

    [AlwaysInterleave]
    Task Release();

    Task<int> Touch();
}

public interface IProfileGrain : IGrainWithStringKey
{
    Task SetName(string name);

    Task<Profile> Get();

    Task Deactivate();
}

public interface IAccountGrain : IGrainWithStringKey
{
    Task<long> Deposit(long amount);

    Task<long> DepositAndConfirm(long amount);

    /// <summary>Awaits before it raises, so the request finishes in a later turn than it started.</summary>
    Task<long> DepositAfterYield(long amount);

    /// <summary>Returns the grain's own (mutable) state object; the runtime must copy it as of this request.</summary>
    Task<AccountState> DepositAndShow(long amount);

    /// <summary>Raises an event the serializer cannot write.</summary>
    Task<long> DepositBroken(long amount);

    [ReadOnly]
    Task<long> Balance();

    Task<long> GetVersion();
}

public interface ILifecycleGrain : IGrainWithStringKey
{
    Task<string> Hello();

    Task StartTimer(TimeSpan period);

    Task<int> TimerTicks();

    Task KeepAliveFor(TimeSpan span);
}

public interface IReminderGrain : IGrainWithStringKey, RunRun.Actors.Reminders.IRemindable
{
    Task Start(TimeSpan dueTime, TimeSpan period);

    Task Stop();

    Task<int> Ticks();

    /// <summary>Registers the reminder again (a new row version), keeping the handle of the first registration, then unregisters with that stale handle.</summary>
    Task UnregisterWithStaleHandle(TimeSpan dueTime, TimeSpan period);
}

public interface IMisconfiguredGrain : IGrainWithStringKey
{
    Task<int> Get();
}

/// <summary>No class implements this one.</summary>
public interface IOrphanGrain : IGrainWithStringKey
{
    Task<int> Get();
}

public interface IPassingGrain : IGrainWithStringKey
{
    Task<string> CallThrough(ICounterGrain counter);

    Task<string> CallThroughEnvelope(CounterEnvelope envelope);
}
