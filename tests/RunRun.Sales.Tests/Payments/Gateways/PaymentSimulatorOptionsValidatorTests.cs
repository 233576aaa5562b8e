using RunRun.Sales.Payments.Gateways;

namespace RunRun.Sales.Tests.Payments.Gateways;

public sealed class PaymentSimulatorOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        new PaymentSimulatorOptionsValidator().Validate(null, new PaymentSimulatorOptions()).Succeeded.ShouldBeTrue();
    }

    [Theory]
    [InlineData("Latency", "RunRun:Payments:Simulator:Latency must be between 00:00:00")]
    [InlineData("SlowCardDelay", "RunRun:Payments:Simulator:SlowCardDelay must be a positive time span")]
    [InlineData("FaultRate", "RunRun:Payments:Simulator:FaultRate must be between 0 and 1 (was 1.5)")]
    [InlineData("FaultRateNaN", "RunRun:Payments:Simulator:FaultRate must be between 0 and 1 (was NaN)")]
    [InlineData("MaxLogEntries", "RunRun:Payments:Simulator:MaxLogEntries must not be negative (was -1)")]
    [InlineData("JournalPath", "RunRun:Payments:Simulator:JournalPath must be a file path, or unset to keep answers in memory only (was ' ')")]
    public void Validate_BadValue_FailsNamingTheKey(string setting, string expected)
    {
        var options = new PaymentSimulatorOptions();
        switch (setting)
        {
            case "Latency":
                options.Latency = TimeSpan.FromSeconds(-1);
                break;
            case "SlowCardDelay":
                options.SlowCardDelay = TimeSpan.Zero;
                break;
            case "FaultRate":
                options.FaultRate = 1.5;
                break;
            case "FaultRateNaN":
                options.FaultRate = double.NaN;
                break;
            case "MaxLogEntries":
                options.MaxLogEntries = -1;
                break;
            case "JournalPath":
                options.JournalPath = " ";
                break;
        }

        var result = new PaymentSimulatorOptionsValidator().Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.FailureMessage!.ShouldContain(expected);
    }
}
