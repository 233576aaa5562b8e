using RunRun.Sales.Payments;
using RunRun.Sales.Payments.Gateways;
using static RunRun.Sales.Tests.Payments.Gateways.Simulators;

namespace RunRun.Sales.Tests.Payments.Gateways;

/// <summary>The simulator's journal: what one process's simulator answered, the next one on the same file knows.</summary>
public sealed class PaymentSimulatorJournalTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("runrun-simulator-").FullName;

    private string JournalPath => Path.Combine(_folder, "payments.jsonl");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Journal_SimulatorRestarted_KeepsChargesRefundsAndFinalAnswers()
    {
        using (var first = Journaled())
        {
            (await first.ConfirmAsync(Confirmation("card-ok-1", "order-1", "pay-1"), CancellationToken.None)).TransactionId.ShouldBe("sim-tx-1");
            (await first.ConfirmAsync(Confirmation("card-insufficient-1", "order-2", "pay-2"), CancellationToken.None)).Kind.ShouldBe(GatewayResultKind.Declined);
            (await first.ConfirmAsync(Confirmation("card-ok-3", "order-3", "pay-3"), CancellationToken.None)).TransactionId.ShouldBe("sim-tx-2");
            (await first.CancelAsync(Cancellation("card-ok-1", "cancel-1"), CancellationToken.None)).TransactionId.ShouldBe("sim-tx-3");
        }

        using var second = Journaled();

        second.FindPayment("card-ok-1").ShouldBe(new SimulatedPayment("card-ok-1", "order-1", Money.Krw(15_000), "sim-tx-1", "sim-tx-3"));
        second.ApprovedCharges("order-1").ShouldBe(1);
        (await second.FindByOrderAsync("order-1", CancellationToken.None)).Status.ShouldBe(PaymentLookupStatus.Canceled);
        (await second.FindByOrderAsync("order-3", CancellationToken.None)).ShouldBe(new PaymentLookup(PaymentLookupStatus.Approved, "card-ok-3", "sim-tx-2"));
        (await second.ConfirmAsync(Confirmation("card-ok-1", "order-1", "pay-1"), CancellationToken.None)).TransactionId.ShouldBe("sim-tx-1", "a repeated key replays its answer");
        (await second.ConfirmAsync(Confirmation("card-insufficient-1", "order-2", "pay-2"), CancellationToken.None)).Code.ShouldBe(PaymentGatewayCodes.NotEnoughBalance);
        (await second.ConfirmAsync(Confirmation("card-ok-9", "order-3", "pay-9"), CancellationToken.None)).Code.ShouldBe(PaymentGatewayCodes.DuplicatedOrderId);
        (await second.CancelAsync(Cancellation("card-ok-1", "cancel-2"), CancellationToken.None)).Code.ShouldBe(PaymentGatewayCodes.AlreadyCanceledPayment);
        (await second.ConfirmAsync(Confirmation("card-ok-4", "order-4", "pay-4"), CancellationToken.None)).TransactionId.ShouldBe("sim-tx-4", "transaction ids do not repeat");
        second.Log.Count.ShouldBe(5, "the call log is the process's own");
    }

    [Fact]
    public async Task Journal_TransientFailures_AreNotKept()
    {
        using (var first = Journaled())
        {
            (await first.ConfirmAsync(Confirmation("card-flaky-1-a", "order-1", "pay-1"), CancellationToken.None)).Kind.ShouldBe(GatewayResultKind.TransientFailure);
        }

        File.ReadAllText(JournalPath).ShouldBeEmpty();
        using var second = Journaled();

        (await second.ConfirmAsync(Confirmation("card-flaky-1-a", "order-1", "pay-1"), CancellationToken.None)).Kind.ShouldBe(GatewayResultKind.TransientFailure, "the count of failures starts again");
    }

    [Fact]
    public async Task Journal_LastLineCutShort_IsDroppedAndTheNextAnswerWrittenInItsPlace()
    {
        using (var first = Journaled())
        {
            await first.ConfirmAsync(Confirmation("card-ok-1", "order-1", "pay-1"), CancellationToken.None);
        }

        await File.AppendAllTextAsync(JournalPath, "{\"at\":\"2026-11-21T00:00:00+00:00\",\"request\":{\"operation\":\"Conf");
        using (var second = Journaled())
        {
            second.FindPayment("card-ok-1").ShouldNotBeNull();
            (await second.ConfirmAsync(Confirmation("card-ok-2", "order-2", "pay-2"), CancellationToken.None)).TransactionId.ShouldBe("sim-tx-2");
        }

        File.ReadAllLines(JournalPath).Length.ShouldBe(2);
        using var third = Journaled();

        third.FindPayment("card-ok-1").ShouldNotBeNull();
        third.FindPayment("card-ok-2")!.TransactionId.ShouldBe("sim-tx-2");
    }

    [Fact]
    public void Journal_UnreadableLine_StartFailsNamingTheFileAndLine()
    {
        File.WriteAllText(JournalPath, "not json\n");

        var exception = Should.Throw<InvalidDataException>(() => Journaled());

        exception.Message.ShouldContain($"{JournalPath} cannot be read at line 1");
    }

    [Fact]
    public void Journal_SecondSimulatorOnTheSameFile_IsRefused()
    {
        using var first = Journaled();

        Should.Throw<IOException>(() => Journaled());
    }

    private PaymentSimulator Journaled() => Create(configure: o => o.JournalPath = JournalPath);
}
