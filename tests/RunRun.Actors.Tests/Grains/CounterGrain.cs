namespace RunRun.Actors.Tests.Grains;

public sealed class CounterGrain : Grain, ICounterGrain
{
    private int _value;

    public Task<int> Increment() => Task.FromResult(++_value);

    public Task<int> Get() => Task.FromResult(_value);

    public Task Throw(string message) => throw new InvalidOperationException(message);
}
