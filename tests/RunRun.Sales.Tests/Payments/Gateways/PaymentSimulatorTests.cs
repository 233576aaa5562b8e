using RunRun.Actors.Testing;
using RunRun.Sales.Payments;
using RunRun.Sales.Payments.Gateways;
using static RunRun.Sales.Tests.Payments.Gateways.Simulators;

namespace RunRun.Sales.Tests.Payments.Gateways;

public sealed class PaymentSimulatorTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("card-ok-1", GatewayResultKind.Approved, null)]
    [InlineData("card-flaky-0-a", GatewayResultKind.Approved, null)]
    [InlineData("card-insufficient-1", GatewayResultKind.Declined, "NOT_ENOUGH_BALANCE")]
    [InlineData("card-refused-1", GatewayResultKind.Declined, "REJECT_CARD_PAYMENT")]
    [InlineData("card-flaky-1-a", GatewayResultKind.TransientFailure, "PROVIDER_BUSY")]
    [InlineData("card-flaky-3", GatewayResultKind.TransientFailure, "PROVIDER_BUSY")]
    [InlineData("card-broken-1", GatewayResultKind.Failed, "FAILED_INTERNAL_SYSTEM_PROCESSING")]
    [InlineData("visa-4242", GatewayResultKind.Declined, "INVALID_CARD")]
    [InlineData("card-flaky-x", GatewayResultKind.Declined, "INVALID_CARD")]
    [InlineData("card-flaky-", GatewayResultKind.Declined, "INVALID_CARD")]
    [InlineData("card-flaky-2x", GatewayResultKind.Declined, "INVALID_CARD")]
    [InlineData("CARD-OK", GatewayResultKind.Declined, "INVALID_CARD")]
    public async Task ConfirmAsync_TestCard_AnswersAsTheCardSays(string paymentKey, GatewayResultKind kind, string? code)
    {
        var simulator = Create();

        var result = await simulator.ConfirmAsync(Confirmation(paymentKey), CancellationToken.None);

        result.Kind.ShouldBe(kind);
        result.Code.ShouldBe(code);
        simulator.ApprovedCharges("order-1").ShouldBe(kind == GatewayResultKind.Approved ? 1 : 0);
    }

    [Fact]
    public async Task ConfirmAsync_OkCard_ApprovedWithASimulatorTransactionAndRecorded()
    {
        var simulator = Create();

        var result = await simulator.ConfirmAsync(Confirmation("card-ok-1", amount: 42_000), CancellationToken.None);

        result.TransactionId.ShouldBe("sim-tx-1");
        simulator.FindPayment("card-ok-1").ShouldBe(new SimulatedPayment("card-ok-1", "order-1", Money.Krw(42_000), "sim-tx-1"));
        simulator.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task ConfirmAsync_SameIdempotencyKeyTwice_SameAnswerAndOneCharge()
    {
        var simulator = Create();

        var first = await simulator.ConfirmAsync(Confirmation("card-ok-1", idempotencyKey: "k1"), CancellationToken.None);
        var second = await simulator.ConfirmAsync(Confirmation("card-ok-1", idempotencyKey: "k1"), CancellationToken.None);

        second.ShouldBe(first);
        simulator.ApprovedCharges("order-1").ShouldBe(1);
        simulator.Calls.ShouldBe(2);
        simulator.Log.Select(c => c.Replayed).ShouldBe([false, true]);
    }

    [Fact]
    public async Task ConfirmAsync_DeclineRetriedWithSameKey_ReplaysTheDecline()
    {
        var simulator = Create();

        await simulator.ConfirmAsync(Confirmation("card-insufficient-1", idempotencyKey: "k1"), CancellationToken.None);
        var again = await simulator.ConfirmAsync(Confirmation("card-insufficient-1", idempotencyKey: "k1"), CancellationToken.None);

        again.Code.ShouldBe(PaymentGatewayCodes.NotEnoughBalance);
        simulator.Log[1].Replayed.ShouldBeTrue();
    }

    [Fact]
    public async Task ConfirmAsync_ConcurrentCallsWithSameKey_OneCharge()
    {
        var simulator = Create();

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() =>
            simulator.ConfirmAsync(Confirmation("card-ok-1", idempotencyKey: "k1"), CancellationToken.None))));

        results.Select(r => r.TransactionId).Distinct().ShouldBe(["sim-tx-1"]);
        simulator.ApprovedCharges("order-1").ShouldBe(1);
        simulator.Log.Count(c => !c.Replayed).ShouldBe(1);
    }

    [Fact]
    public async Task ConfirmAsync_SecondCallWhileFirstWithSameKeyIsSlow_WaitsForTheFirstAnswer()
    {
        var time = new FakeTimeProvider();
        var simulator = Create(time, o => o.SlowCardDelay = TimeSpan.FromSeconds(5));

        var first = simulator.ConfirmAsync(Confirmation("card-slow-1", idempotencyKey: "k1"), CancellationToken.None);
        var second = simulator.ConfirmAsync(Confirmation("card-slow-1", idempotencyKey: "k1"), CancellationToken.None);
        second.IsCompleted.ShouldBeFalse();
        time.Advance(TimeSpan.FromSeconds(5));

        (await second.WaitAsync(Patience)).ShouldBe(await first.WaitAsync(Patience));
        simulator.ApprovedCharges("order-1").ShouldBe(1);
        simulator.Log.Select(c => c.Replayed).ShouldBe([false, true]);
    }

    [Fact]
    public async Task ConfirmAsync_ConcurrentPaymentKeysForOneOrder_OnlyOneApproved()
    {
        var simulator = Create();

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() =>
            simulator.ConfirmAsync(Confirmation($"card-ok-{i}", idempotencyKey: $"k{i}"), CancellationToken.None))));

        results.Count(r => r.Kind == GatewayResultKind.Approved).ShouldBe(1);
        results.Where(r => r.Kind != GatewayResultKind.Approved).ShouldAllBe(r =>
            r.Kind == GatewayResultKind.Declined && r.Code == PaymentGatewayCodes.DuplicatedOrderId);
        simulator.ApprovedCharges("order-1").ShouldBe(1);
    }

    [Fact]
    public async Task ConfirmAsync_PaymentKeyConfirmedUnderAnotherIdempotencyKey_DeclinedAlreadyProcessedWithoutCharge()
    {
        var simulator = Create();
        await simulator.ConfirmAsync(Confirmation("card-ok-1", idempotencyKey: "k1"), CancellationToken.None);

        var again = await simulator.ConfirmAsync(Confirmation("card-ok-1", idempotencyKey: "k2"), CancellationToken.None);

        again.Kind.ShouldBe(GatewayResultKind.Declined);
        again.Code.ShouldBe(PaymentGatewayCodes.AlreadyProcessedPayment);
        simulator.ApprovedCharges("order-1").ShouldBe(1);
    }

    [Fact]
    public async Task ConfirmAsync_OrderPaidThenDeclinedCardTried_DeclinedDuplicatedOrderIdBeforeTheCard()
    {
        var simulator = Create();
        await simulator.ConfirmAsync(Confirmation("card-ok-1"), CancellationToken.None);

        var result = await simulator.ConfirmAsync(Confirmation("card-insufficient-1"), CancellationToken.None);

        result.Code.ShouldBe(PaymentGatewayCodes.DuplicatedOrderId);
    }

    [Fact]
    public async Task ConfirmAsync_DeclinedThenAnotherCard_OrderStaysPayable()
    {
        var simulator = Create();
        await simulator.ConfirmAsync(Confirmation("card-insufficient-1"), CancellationToken.None);

        var result = await simulator.ConfirmAsync(Confirmation("card-ok-2"), CancellationToken.None);

        result.Kind.ShouldBe(GatewayResultKind.Approved);
        simulator.ApprovedCharges("order-1").ShouldBe(1);
    }

    [Fact]
    public async Task ConfirmAsync_SameIdempotencyKeyForADifferentRequest_FailedAndTheFirstAnswerKept()
    {
        var simulator = Create();
        var first = await simulator.ConfirmAsync(Confirmation("card-ok-1", idempotencyKey: "k1"), CancellationToken.None);

        var reused = await simulator.ConfirmAsync(Confirmation("card-ok-1", idempotencyKey: "k1", amount: 1), CancellationToken.None);
        var replayed = await simulator.ConfirmAsync(Confirmation("card-ok-1", idempotencyKey: "k1"), CancellationToken.None);

        reused.Kind.ShouldBe(GatewayResultKind.Failed);
        reused.Code.ShouldBe(PaymentGatewayCodes.IdempotencyKeyReused);
        replayed.ShouldBe(first);
    }

    [Fact]
    public async Task ConfirmAsync_FlakyCard_FailsNTimesPerIdempotencyKeyThenApproves()
    {
        var simulator = Create();
        var kinds = new List<GatewayResultKind>();
        for (var i = 0; i < 4; i++)
        {
            kinds.Add((await simulator.ConfirmAsync(Confirmation("card-flaky-2-a", idempotencyKey: "k1"), CancellationToken.None)).Kind);
        }

        kinds.ShouldBe([GatewayResultKind.TransientFailure, GatewayResultKind.TransientFailure, GatewayResultKind.Approved, GatewayResultKind.Approved]);
        simulator.ApprovedCharges("order-1").ShouldBe(1);
        simulator.Log[3].Replayed.ShouldBeTrue();
    }

    [Fact]
    public async Task ConfirmAsync_FlakyCardUnderTwoKeys_EachKeyCountsItsOwnFailures()
    {
        var simulator = Create();
        (await simulator.ConfirmAsync(Confirmation("card-flaky-2-a", idempotencyKey: "k1"), CancellationToken.None)).Kind.ShouldBe(GatewayResultKind.TransientFailure);

        (await simulator.ConfirmAsync(Confirmation("card-flaky-2-a", idempotencyKey: "k2"), CancellationToken.None)).Kind.ShouldBe(GatewayResultKind.TransientFailure);
        (await simulator.ConfirmAsync(Confirmation("card-flaky-2-a", idempotencyKey: "k2"), CancellationToken.None)).Kind.ShouldBe(GatewayResultKind.TransientFailure);
        (await simulator.ConfirmAsync(Confirmation("card-flaky-2-a", idempotencyKey: "k2"), CancellationToken.None)).Kind.ShouldBe(GatewayResultKind.Approved);

        // k1's second try would have passed its count, but the payment key is confirmed already.
        var late = await simulator.ConfirmAsync(Confirmation("card-flaky-2-a", idempotencyKey: "k1"), CancellationToken.None);
        late.Code.ShouldBe(PaymentGatewayCodes.AlreadyProcessedPayment);
        simulator.ApprovedCharges("order-1").ShouldBe(1);
    }

    [Fact]
    public async Task CancelAsync_ApprovedPayment_RefundsOnceAndReplaysUnderTheSameKey()
    {
        var simulator = Create();
        var charge = await simulator.ConfirmAsync(Confirmation("card-ok-1"), CancellationToken.None);

        var refund = await simulator.CancelAsync(Cancellation("card-ok-1", "c1"), CancellationToken.None);
        var again = await simulator.CancelAsync(Cancellation("card-ok-1", "c1"), CancellationToken.None);

        refund.Kind.ShouldBe(GatewayResultKind.Approved);
        refund.TransactionId.ShouldNotBe(charge.TransactionId);
        again.ShouldBe(refund);
        simulator.FindPayment("card-ok-1")!.CancelTransactionId.ShouldBe(refund.TransactionId);
        simulator.Log.Count(c => c.Request.Operation == PaymentOperation.Cancel && !c.Replayed).ShouldBe(1);
    }

    [Fact]
    public async Task CancelAsync_CancelledUnderAnotherKey_DeclinedAlreadyCanceled()
    {
        var simulator = Create();
        await simulator.ConfirmAsync(Confirmation("card-ok-1"), CancellationToken.None);
        await simulator.CancelAsync(Cancellation("card-ok-1", "c1"), CancellationToken.None);

        var again = await simulator.CancelAsync(Cancellation("card-ok-1", "c2"), CancellationToken.None);

        again.Kind.ShouldBe(GatewayResultKind.Declined);
        again.Code.ShouldBe(PaymentGatewayCodes.AlreadyCanceledPayment);
    }

    [Theory]
    [InlineData("card-never-seen")]
    [InlineData("card-insufficient-1")]
    public async Task CancelAsync_NoApprovedPayment_FailedNotFound(string paymentKey)
    {
        var simulator = Create();
        await simulator.ConfirmAsync(Confirmation("card-insufficient-1"), CancellationToken.None);

        var result = await simulator.CancelAsync(Cancellation(paymentKey), CancellationToken.None);

        result.Kind.ShouldBe(GatewayResultKind.Failed);
        result.Code.ShouldBe(PaymentGatewayCodes.NotFoundPayment);
    }

    [Fact]
    public async Task ConfirmAsync_RefundedOrderPaidAgain_DeclinedDuplicatedOrderId()
    {
        var simulator = Create();
        await simulator.ConfirmAsync(Confirmation("card-ok-1"), CancellationToken.None);
        await simulator.CancelAsync(Cancellation("card-ok-1"), CancellationToken.None);

        var result = await simulator.ConfirmAsync(Confirmation("card-ok-2"), CancellationToken.None);

        result.Code.ShouldBe(PaymentGatewayCodes.DuplicatedOrderId);
        simulator.ApprovedCharges("order-1").ShouldBe(1);
    }

    [Fact]
    public async Task ConfirmAsync_WithLatency_AnswersOnlyOnceTheLatencyHasPassed()
    {
        var time = new FakeTimeProvider();
        var simulator = Create(time, o => o.Latency = TimeSpan.FromSeconds(1));

        var call = simulator.ConfirmAsync(Confirmation("card-ok-1"), CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(999));
        call.IsCompleted.ShouldBeFalse();
        time.Advance(TimeSpan.FromMilliseconds(1));

        (await call.WaitAsync(Patience)).Kind.ShouldBe(GatewayResultKind.Approved);
    }

    [Fact]
    public async Task CancelAsync_WithLatency_AnswersOnlyOnceTheLatencyHasPassed()
    {
        var time = new FakeTimeProvider();
        var simulator = Create(time, o => o.Latency = TimeSpan.FromSeconds(1));
        var charge = simulator.ConfirmAsync(Confirmation("card-ok-1"), CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));
        await charge.WaitAsync(Patience);

        var refund = simulator.CancelAsync(Cancellation("card-ok-1"), CancellationToken.None);
        refund.IsCompleted.ShouldBeFalse();
        time.Advance(TimeSpan.FromSeconds(1));

        (await refund.WaitAsync(Patience)).Kind.ShouldBe(GatewayResultKind.Approved);
    }

    [Fact]
    public async Task ConfirmAsync_SlowCard_ApprovesAfterTheSlowCardDelay()
    {
        var time = new FakeTimeProvider();
        var simulator = Create(time);

        var call = simulator.ConfirmAsync(Confirmation("card-slow-1"), CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(29));
        call.IsCompleted.ShouldBeFalse();
        time.Advance(TimeSpan.FromSeconds(1));

        (await call.WaitAsync(Patience)).Kind.ShouldBe(GatewayResultKind.Approved);
    }

    [Fact]
    public async Task ConfirmAsync_SlowCardCancelled_ThrowsWithoutChargeAndTheKeyCanBeRetried()
    {
        var time = new FakeTimeProvider();
        var simulator = Create(time);
        using var cancellation = new CancellationTokenSource();

        var call = simulator.ConfirmAsync(Confirmation("card-slow-1", idempotencyKey: "k1"), cancellation.Token);
        await cancellation.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => call.WaitAsync(Patience));
        simulator.ApprovedCharges("order-1").ShouldBe(0);
        var retry = simulator.ConfirmAsync(Confirmation("card-slow-1", idempotencyKey: "k1"), CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(30));
        (await retry.WaitAsync(Patience)).Kind.ShouldBe(GatewayResultKind.Approved);
        simulator.ApprovedCharges("order-1").ShouldBe(1);
    }

    [Fact]
    public async Task ConfirmAsync_CancelledWhileWaitingForTheSameKey_ThrowsAndTheFirstCallCarriesOn()
    {
        var time = new FakeTimeProvider();
        var simulator = Create(time);
        using var cancellation = new CancellationTokenSource();
        var first = simulator.ConfirmAsync(Confirmation("card-slow-1", idempotencyKey: "k1"), CancellationToken.None);
        var waiting = simulator.ConfirmAsync(Confirmation("card-slow-1", idempotencyKey: "k1"), cancellation.Token);

        await cancellation.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => waiting.WaitAsync(Patience));
        time.Advance(TimeSpan.FromSeconds(30));
        (await first.WaitAsync(Patience)).Kind.ShouldBe(GatewayResultKind.Approved);
    }

    [Fact]
    public async Task ConfirmAsync_FaultRateOne_EveryCallTransientAndNothingCharged()
    {
        var simulator = Create(configure: o => o.FaultRate = 1);

        var results = new List<GatewayResult>();
        for (var i = 0; i < 5; i++)
        {
            results.Add(await simulator.ConfirmAsync(Confirmation("card-ok-1", idempotencyKey: "k1"), CancellationToken.None));
        }

        results.ShouldAllBe(r => r.Kind == GatewayResultKind.TransientFailure && r.Code == PaymentGatewayCodes.ProviderBusy);
        simulator.ApprovedCharges("order-1").ShouldBe(0);
    }

    [Fact]
    public async Task ConfirmAsync_FaultRateWithOneSeed_SameFaultsEveryRun()
    {
        async Task<GatewayResultKind[]> RunAsync()
        {
            var simulator = Create(configure: o =>
            {
                o.FaultRate = 0.5;
                o.FaultSeed = 7;
            });
            var kinds = new GatewayResultKind[40];
            for (var i = 0; i < kinds.Length; i++)
            {
                kinds[i] = (await simulator.ConfirmAsync(Confirmation($"card-ok-{i}", orderId: $"order-{i}"), CancellationToken.None)).Kind;
            }

            return kinds;
        }

        var first = await RunAsync();
        var second = await RunAsync();

        second.ShouldBe(first);
        first.ShouldContain(GatewayResultKind.TransientFailure);
        first.ShouldContain(GatewayResultKind.Approved);
    }

    [Fact]
    public async Task Log_MoreCallsThanMaxLogEntries_KeepsTheMostRecentWithTheirTimes()
    {
        var time = new FakeTimeProvider();
        var simulator = Create(time, o => o.MaxLogEntries = 2);

        foreach (var card in new[] { "card-ok-1", "card-refused-1", "card-broken-1" })
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await simulator.ConfirmAsync(Confirmation(card, orderId: card), CancellationToken.None);
        }

        simulator.Log.Select(c => c.Request.PaymentKey).ShouldBe(["card-refused-1", "card-broken-1"]);
        simulator.Log[^1].At.ShouldBe(time.GetUtcNow());
        simulator.Calls.ShouldBe(3);
    }

    [Fact]
    public async Task ConfirmAsync_NonPositiveAmount_ThrowsAsACallerBug()
    {
        var simulator = Create();

        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => simulator.ConfirmAsync(Confirmation("card-ok-1", amount: 0), CancellationToken.None));
    }
}
