using RunRun.Actors.EventSourcing;

namespace RunRun.Actors.Tests.Grains;

public sealed class AccountGrain : JournaledGrain<AccountState, AccountEvent>, IAccountGrain
{
    // No ConfirmEvents here: the runtime holds the reply until the deposit is durable.
    public Task<long> Deposit(long amount)
    {
        RaiseEvent(new Deposited(amount));
        return Task.FromResult(State.Balance);
    }

    public async Task<long> DepositAndConfirm(long amount)
    {
        RaiseEvent(new Deposited(amount));
        await ConfirmEvents();
        return ConfirmedState.Balance;
    }

    public async Task<long> DepositAfterYield(long amount)
    {
        await Task.Yield();
        RaiseEvent(new Deposited(amount));
        return State.Balance;
    }

    public Task<AccountState> DepositAndShow(long amount)
    {
        RaiseEvent(new Deposited(amount));
        return Task.FromResult(State);
    }

    public Task<long> DepositBroken(long amount)
    {
        RaiseEvent(new Unlisted(amount));
        return Task.FromResult(State.Balance);
    }

    public Task<long> Balance() => Task.FromResult(State.Balance);

    public Task<long> GetVersion() => Task.FromResult(ConfirmedVersion);

    protected override void TransitionState(AccountState state, AccountEvent change)
    {
        state.Operations++;
        state.Balance += change switch
        {
            Deposited d => d.Amount,
            Withdrawn w => -w.Amount,
            Unlisted u => u.Amount,
            _ => throw new ArgumentOutOfRangeException(nameof(change), change, "Unknown account event."),
        };
    }
}
