using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RunRun.Sales.Payments;
using RunRun.Sales.Payments.Gateways;
using static RunRun.Sales.Tests.Payments.Gateways.GatewayHosts;
using static RunRun.Sales.Tests.Payments.Gateways.Simulators;

namespace RunRun.Sales.Tests.Payments.Gateways;

/// <summary>The HTTP gateway against the simulator served by a real Kestrel server on 127.0.0.1.</summary>
public sealed class HttpPaymentGatewayTests
{
    [Fact]
    public async Task ConfirmAsync_OkCard_ApprovedWithTheProvidersTransactionKey()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var host = GatewayFor(server);

        var result = await Gateway(host).ConfirmAsync(Confirmation("card-ok-1", amount: 39_900), CancellationToken.None);

        result.ShouldBe(new GatewayResult(GatewayResultKind.Approved, "sim-tx-1"));
        server.Simulator.FindPayment("card-ok-1")!.Amount.ShouldBe(Money.Krw(39_900));
        server.Simulator.ApprovedCharges("order-1").ShouldBe(1);
    }

    [Theory]
    [InlineData("card-insufficient-1", "NOT_ENOUGH_BALANCE")]
    [InlineData("card-refused-1", "REJECT_CARD_PAYMENT")]
    [InlineData("visa-4242", "INVALID_CARD")]
    public async Task ConfirmAsync_DecliningCard_DeclinedWithTheProvidersCode(string paymentKey, string code)
    {
        await using var server = await SimulatorServer.StartAsync();
        using var host = GatewayFor(server);

        var result = await Gateway(host).ConfirmAsync(Confirmation(paymentKey), CancellationToken.None);

        result.Kind.ShouldBe(GatewayResultKind.Declined);
        result.Code.ShouldBe(code);
        result.Message.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task ConfirmAsync_FlakyCard_TransientEachTimeUntilApprovedOnce()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var host = GatewayFor(server);
        var gateway = Gateway(host);

        var results = new List<GatewayResult>();
        for (var i = 0; i < 4; i++)
        {
            results.Add(await gateway.ConfirmAsync(Confirmation("card-flaky-2-a", idempotencyKey: "k1"), CancellationToken.None));
        }

        results.Select(r => r.Kind).ShouldBe(
            [GatewayResultKind.TransientFailure, GatewayResultKind.TransientFailure, GatewayResultKind.Approved, GatewayResultKind.Approved]);
        results[0].Code.ShouldBe(PaymentGatewayCodes.ProviderBusy);
        results[3].TransactionId.ShouldBe(results[2].TransactionId);
        server.Simulator.ApprovedCharges("order-1").ShouldBe(1);
    }

    [Fact]
    public async Task ConfirmAsync_BrokenCard_Failed()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var host = GatewayFor(server);

        var result = await Gateway(host).ConfirmAsync(Confirmation("card-broken-1"), CancellationToken.None);

        result.Kind.ShouldBe(GatewayResultKind.Failed);
        result.Code.ShouldBe(PaymentGatewayCodes.FailedInternalSystemProcessing);
    }

    [Fact]
    public async Task ConfirmAsync_WrongSecretKey_FailedUnauthorizedAndNothingReachesTheSimulator()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var host = GatewayFor(server, o => o.SecretKey = "test_sk_wrong");

        var result = await Gateway(host).ConfirmAsync(Confirmation("card-ok-1"), CancellationToken.None);

        result.Kind.ShouldBe(GatewayResultKind.Failed);
        result.Code.ShouldBe(PaymentGatewayCodes.UnauthorizedKey);
        server.Simulator.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task ConfirmAsync_SameIdempotencyKeyTwice_ChargesOnce()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var host = GatewayFor(server);
        var gateway = Gateway(host);

        var first = await gateway.ConfirmAsync(Confirmation("card-ok-1", idempotencyKey: "k1"), CancellationToken.None);
        var second = await gateway.ConfirmAsync(Confirmation("card-ok-1", idempotencyKey: "k1"), CancellationToken.None);

        second.ShouldBe(first);
        server.Simulator.Calls.ShouldBe(2);
        server.Simulator.ApprovedCharges("order-1").ShouldBe(1);
        server.Simulator.Log.Select(c => c.Request.IdempotencyKey).ShouldBe(["k1", "k1"]);
    }

    [Fact]
    public async Task ConfirmAsync_ConcurrentSameIdempotencyKey_ChargesOnce()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var host = GatewayFor(server);
        var gateway = Gateway(host);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            gateway.ConfirmAsync(Confirmation("card-ok-1", idempotencyKey: "k1"), CancellationToken.None)));

        results.Select(r => r.TransactionId).Distinct().ShouldBe(["sim-tx-1"]);
        server.Simulator.ApprovedCharges("order-1").ShouldBe(1);
    }

    [Fact]
    public async Task ConfirmAsync_SecondPaymentKeyForAPaidOrder_DeclinedDuplicatedOrderId()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var host = GatewayFor(server);
        var gateway = Gateway(host);
        await gateway.ConfirmAsync(Confirmation("card-ok-1"), CancellationToken.None);

        var second = await gateway.ConfirmAsync(Confirmation("card-ok-2"), CancellationToken.None);

        second.Kind.ShouldBe(GatewayResultKind.Declined);
        second.Code.ShouldBe(PaymentGatewayCodes.DuplicatedOrderId);
        server.Simulator.ApprovedCharges("order-1").ShouldBe(1);
    }

    [Fact]
    public async Task ConfirmAsync_IdempotencyKeyReusedForAnotherOrder_Failed()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var host = GatewayFor(server);
        var gateway = Gateway(host);
        await gateway.ConfirmAsync(Confirmation("card-ok-1", orderId: "order-1", idempotencyKey: "k1"), CancellationToken.None);

        var reused = await gateway.ConfirmAsync(Confirmation("card-ok-2", orderId: "order-2", idempotencyKey: "k1"), CancellationToken.None);

        reused.Kind.ShouldBe(GatewayResultKind.Failed);
        reused.Code.ShouldBe(PaymentGatewayCodes.IdempotencyKeyReused);
        server.Simulator.ApprovedCharges("order-2").ShouldBe(0);
    }

    [Fact]
    public async Task CancelAsync_ApprovedPayment_RefundsOnceAndTheSameKeyReplays()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var host = GatewayFor(server);
        var gateway = Gateway(host);
        var charge = await gateway.ConfirmAsync(Confirmation("card-ok-1"), CancellationToken.None);

        var refund = await gateway.CancelAsync(Cancellation("card-ok-1", "c1"), CancellationToken.None);
        var replay = await gateway.CancelAsync(Cancellation("card-ok-1", "c1"), CancellationToken.None);
        var another = await gateway.CancelAsync(Cancellation("card-ok-1", "c2"), CancellationToken.None);

        refund.Kind.ShouldBe(GatewayResultKind.Approved);
        refund.TransactionId.ShouldNotBeNull();
        refund.TransactionId.ShouldNotBe(charge.TransactionId);
        replay.ShouldBe(refund);
        another.Kind.ShouldBe(GatewayResultKind.Declined);
        another.Code.ShouldBe(PaymentGatewayCodes.AlreadyCanceledPayment);
        server.Simulator.FindPayment("card-ok-1")!.CancelTransactionId.ShouldBe(refund.TransactionId);
    }

    [Fact]
    public async Task CancelAsync_UnknownPaymentKey_FailedNotFound()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var host = GatewayFor(server);

        var result = await Gateway(host).CancelAsync(Cancellation("card-ok/never seen"), CancellationToken.None);

        result.Kind.ShouldBe(GatewayResultKind.Failed);
        result.Code.ShouldBe(PaymentGatewayCodes.NotFoundPayment);
        server.Simulator.Log.Single().Request.PaymentKey.ShouldBe("card-ok/never seen");
    }

    [Fact]
    public async Task ConfirmAsync_SlowCardBeyondTheGatewayTimeout_TransientWithinSeconds()
    {
        await using var server = await SimulatorServer.StartAsync(o => o.SlowCardDelay = TimeSpan.FromSeconds(10));
        using var host = GatewayFor(server, o => o.Timeout = TimeSpan.FromMilliseconds(200));
        var started = TimeProvider.System.GetTimestamp();

        var result = await Gateway(host).ConfirmAsync(Confirmation("card-slow-1"), CancellationToken.None);

        TimeProvider.System.GetElapsedTime(started).ShouldBeLessThan(TimeSpan.FromSeconds(5));
        result.Kind.ShouldBe(GatewayResultKind.TransientFailure);
        result.Code.ShouldBe(PaymentGatewayCodes.GatewayTimeout);
    }

    [Fact]
    public async Task ConfirmAsync_CallerCancels_ThrowsRatherThanReportingATimeout()
    {
        await using var server = await SimulatorServer.StartAsync(o => o.SlowCardDelay = TimeSpan.FromSeconds(10));
        using var host = GatewayFor(server);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Should.ThrowAsync<OperationCanceledException>(() =>
            Gateway(host).ConfirmAsync(Confirmation("card-slow-1"), cancellation.Token));
    }

    [Fact]
    public async Task ConfirmAsync_NoServerListening_TransientNetworkError()
    {
        using var host = await GatewayForAStoppedServerAsync();

        var result = await Gateway(host).ConfirmAsync(Confirmation("card-ok-1"), CancellationToken.None);

        result.Kind.ShouldBe(GatewayResultKind.TransientFailure);
        result.Code.ShouldBe(PaymentGatewayCodes.NetworkError);
    }

    [Fact]
    public async Task ConfirmAsync_NotKrw_FailedWithoutCallingTheProvider()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var host = GatewayFor(server);

        var result = await Gateway(host).ConfirmAsync(
            new PaymentConfirmation("card-ok-1", "order-1", new Money(1_000, "USD"), "k1"), CancellationToken.None);

        result.Kind.ShouldBe(GatewayResultKind.Failed);
        result.Code.ShouldBe(PaymentGatewayCodes.UnsupportedCurrency);
        server.Simulator.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task ConfirmAsync_BaseAddressWithAPathAndNoTrailingSlash_KeepsThePath()
    {
        await using var server = await SimulatorServer.StartAsync(pathBase: "/toss");
        using var host = GatewayFor(server);

        server.BaseAddress.AbsolutePath.ShouldBe("/toss");
        (await Gateway(host).ConfirmAsync(Confirmation("card-ok-1"), CancellationToken.None)).Kind.ShouldBe(GatewayResultKind.Approved);
    }

    [Fact]
    public async Task Confirm_NoAuthorizationHeader_401WithUnauthorizedKey()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        using var response = await client.PostAsJsonAsync("v1/payments/confirm", new { paymentKey = "card-ok-1", orderId = "order-1", amount = 1000 });

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldContain("\"code\":\"UNAUTHORIZED_KEY\"");
    }

    [Theory]
    [InlineData("{\"paymentKey\":\"card-ok-1\",\"orderId\":\"order-1\",\"amount\":0}", "k1")]
    [InlineData("{\"paymentKey\":\"card-ok-1\",\"amount\":1000}", "k1")]
    [InlineData("{\"paymentKey\":\"card-ok-1\",\"orderId\":\"order-1\",\"amount\":10.5}", "k1")]
    [InlineData("not json", "k1")]
    [InlineData("{\"paymentKey\":\"card-ok-1\",\"orderId\":\"order-1\",\"amount\":1000}", null)]
    public async Task Confirm_MalformedRequest_400InvalidRequest(string json, string? idempotencyKey)
    {
        await using var server = await SimulatorServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/payments/confirm")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(SimulatorServer.SecretKey + ":")));
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("\"code\":\"INVALID_REQUEST\"");
        server.Simulator.Calls.ShouldBe(0);
    }
}
