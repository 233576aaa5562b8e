using RunRun.Actors.Runtime;
using RunRun.Actors.Timers;

namespace RunRun.Actors.Tests.Grains;

public sealed class CycleGrain : Grain, ICycleGrain
{
    public async Task<int> Ping(long other, int depth) =>
        depth == 0 ? 1 : 1 + await GrainFactory.GetGrain<ICycleGrain>(other).Ping(this.GetPrimaryKeyLong(), depth - 1);
}

public sealed class BagGrain : Grain, IBagGrain
{
    private readonly List<string> _notes = [];
    private Bag _stored = new();

    public Task<Bag> Mutate(Bag bag)
    {
        bag.Items.Add("added-by-grain");
        bag.Counts["grain"] = 1;
        _stored = bag;
        return Task.FromResult(bag);
    }

    public Task<Bag> Stored() => Task.FromResult(_stored);

    public Task Fire(string note)
    {
        _notes.Add(note);
        return Task.CompletedTask;
    }

    public Task<List<string>> Notes() => Task.FromResult(_notes);
}

public sealed class GateGrain : Grain, IGateGrain
{
    private TaskCompletionSource _gate = new();
    private int _touches;

    public Task Block() => _gate.Task;

    public Task Release()
    {
        _gate.TrySetResult();
        _gate = new TaskCompletionSource();
        return Task.CompletedTask;
    }

    public Task<int> Touch() => Task.FromResult(++_touches);
}

/// <summary>Shared by a silo's grains so tests can see what happened inside them.</summary>
public sealed class LifecycleLog
{
    private readonly Lock _lock = new();
    private readonly List<string> _events = [];

    public IReadOnlyList<string> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    public void Add(string entry)
    {
        lock (_lock)
        {
            _events.Add(entry);
        }
    }

    public int Count(string prefix) => Events.Count(e => e.StartsWith(prefix, StringComparison.Ordinal));
}

public sealed class ProfileGrain([PersistentState("profile")] IPersistentState<Profile> profile, LifecycleLog log) : Grain, IProfileGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        profile.State.LoadedBeforeActivate = profile.State.Name;
        log.Add($"activate:{this.GetPrimaryKeyString()}:{profile.State.Name}");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        log.Add($"deactivate:{this.GetPrimaryKeyString()}:{reason.ReasonCode}");
        return Task.CompletedTask;
    }

    public Task SetName(string name)
    {
        profile.State.Name = name;
        profile.State.Visits++;
        return profile.WriteStateAsync();
    }

    public Task<Profile> Get() => Task.FromResult(profile.State);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}

public sealed class LifecycleGrain(LifecycleLog log) : Grain, ILifecycleGrain
{
    private int _ticks;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        log.Add($"activate:{this.GetPrimaryKeyString()}");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        log.Add($"deactivate:{this.GetPrimaryKeyString()}:{reason.ReasonCode}");
        return Task.CompletedTask;
    }

    public Task<string> Hello() => Task.FromResult("hello " + this.GetPrimaryKeyString());

    public Task StartTimer(TimeSpan period)
    {
        RegisterGrainTimer(
            _ =>
            {
                _ticks++;
                log.Add($"tick:{this.GetPrimaryKeyString()}");
                return Task.CompletedTask;
            },
            period,
            period);
        return Task.CompletedTask;
    }

    public Task<int> TimerTicks() => Task.FromResult(_ticks);

    public Task KeepAliveFor(TimeSpan span)
    {
        DelayDeactivation(span);
        return Task.CompletedTask;
    }
}

public sealed class MisconfiguredGrain([PersistentState("state", "no-such-store")] IPersistentState<Profile> state) : Grain, IMisconfiguredGrain
{
    public Task<int> Get() => Task.FromResult(state.State.Visits);
}

public sealed class PassingGrain : Grain, IPassingGrain
{
    public async Task<string> CallThrough(ICounterGrain counter) => $"{counter.GetPrimaryKeyString()}={await counter.Increment()}";

    public async Task<string> CallThroughEnvelope(CounterEnvelope envelope) => $"{envelope.Note}: {await CallThrough(envelope.Counter)}";
}
