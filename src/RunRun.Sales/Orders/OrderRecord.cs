using System.Text.Json.Serialization;

namespace RunRun.Sales.Orders;

/// <summary>What an order grain stores, written once the order holds all its lines.</summary>
internal sealed class OrderRecord
{
    public OrderPhase Phase { get; set; }

    public string ShopperId { get; set; } = string.Empty;

    public string IdempotencyKey { get; set; } = string.Empty;

    // Read-only lists, so that an order placed without rejections holds the shared empty one rather
    // than a list of its own for its life in memory (a record read from storage gets its own).

    /// <summary>The lines as placed; a repeat of the request must name the same ones in the same order.</summary>
    public IReadOnlyList<OrderLineView> Lines { get; set; } = [];

    public IReadOnlyList<LineRejection> Rejections { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset PaymentDeadline { get; set; }

    public int PaymentAttempts { get; set; }

    public string? FailureReason { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>
    /// Answers already given to payment requests, by idempotency key (the most recent few); null
    /// until the first, as most orders held in memory have not been paid yet.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, RecordedPayment>? Payments { get; set; }

    /// <summary>Numbers the recorded answers, so the oldest is known when one must go.</summary>
    public long PaymentSequence { get; set; }
}

/// <summary>What a payment request was answered, so a repeat with the same key gets the same answer.</summary>
internal sealed record RecordedPayment(PayStatus Status, string? Code, string? Message, long Sequence);

/// <summary>The order's life; None (never placed) is internal, the rest map to the public <see cref="OrderState"/>.</summary>
internal enum OrderPhase
{
    None,
    AwaitingPayment,
    Paid,

    /// <summary>Cancelled after payment: written before the refund, so a crash part-way is finished by the reminder.</summary>
    Refunding,
    Cancelled,
    Refunded,
    Failed,
    Expired,
}
