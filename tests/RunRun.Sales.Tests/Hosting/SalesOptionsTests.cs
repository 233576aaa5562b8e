using Microsoft.Extensions.Options;

namespace RunRun.Sales.Tests.Hosting;

public sealed class SalesOptionsTests
{
    [Theory]
    [InlineData("RunRun:Sales:Orders:PaymentHold", "00:00:00")]
    [InlineData("RunRun:Sales:Orders:MaxPaymentAttempts", "0")]
    [InlineData("RunRun:Sales:Orders:ExpiryReminderPeriod", "00:00:30")]
    [InlineData("RunRun:Sales:Orders:HoldAuditPeriod", "00:00:10")]
    [InlineData("RunRun:Sales:Orders:ReleasedHoldRetention", "00:00:00")]
    [InlineData("RunRun:Sales:Orders:SoldHoldRetention", "00:15:59")]
    [InlineData("RunRun:Sales:Breaker:FailureRatio", "0")]
    [InlineData("RunRun:Sales:Breaker:MinimumThroughput", "1")]
    [InlineData("RunRun:Sales:Payments:AttemptTimeout", "-00:00:01")]
    [InlineData("RunRun:Sales:Payments:ReconcilePeriod", "00:00:10")]
    [InlineData("RunRun:Sales:Payments:InDoubtWindow", "00:00:00")]
    [InlineData("RunRun:Sales:Products:Currencies:0", "won")]
    public async Task Start_BadSetting_FailsNamingTheKey(string key, string value)
    {
        var error = await Should.ThrowAsync<OptionsValidationException>(SalesCluster.StartAsync(b => b.ConfigureSetting(key, value)));

        error.Message.ShouldContain(key);
    }
}
