using RunRun.Actors;
using RunRun.Actors.Runtime;

namespace RunRun.Silo.Samples;

public sealed class GreeterGrain([PersistentState("greeter")] IPersistentState<GreeterState> state) : Grain, IGreeterGrain
{
    public async Task<Greeting> Greet(string visitor)
    {
        state.State.Count++;
        await state.WriteStateAsync();
        return new Greeting($"Hello {visitor}, from {this.GetPrimaryKeyString()}", state.State.Count);
    }
}
