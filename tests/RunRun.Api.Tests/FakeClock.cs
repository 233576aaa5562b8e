using RunRun.Actors.Testing;

namespace RunRun.Api.Tests;

/// <summary>Fake clocks for hosts whose tests move time; they start away from the real clock, so nothing can lean on it.</summary>
internal static class FakeClock
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider New() => new(Start);
}
