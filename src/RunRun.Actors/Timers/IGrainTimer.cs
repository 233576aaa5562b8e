namespace RunRun.Actors.Timers;

/// <summary>A timer owned by one activation; disposing it stops it.</summary>
public interface IGrainTimer : IDisposable
{
    void Change(TimeSpan dueTime, TimeSpan period);
}
