using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace RunRun.Sales.Stock;

/// <summary>
/// Writes a product's holds as one short array each:
/// <c>"order-id": ["shopper-id", quantity, "Reserved", reservedAtUtcTicks, releasedAtUtcTicks|null, priceAmount|null, "currency"|null, soldAtUtcTicks|null]</c>.
/// </summary>
/// <remarks>
/// The holds are almost all of a hot product's snapshot, and the snapshot is serialized on the
/// stock grain's own turn: as objects a hold took about 180 bytes, and 177,000 open holds took 344
/// ms, during which the product answered nobody. As arrays a hold takes less than half. Holds
/// written as objects, or as arrays without the sale time, by earlier versions are still read.
/// </remarks>
internal sealed class StockHoldsJsonConverter : JsonConverter<Dictionary<string, StockHold>>
{
    public override Dictionary<string, StockHold> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        Expect(ref reader, JsonTokenType.StartObject, "the holds");
        var holds = new Dictionary<string, StockHold>(StringComparer.Ordinal);
        JsonTypeInfo<StockHold>? objectForm = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var orderId = reader.GetString()!;
            reader.Read();
            holds[orderId] = reader.TokenType == JsonTokenType.StartObject
                ? JsonSerializer.Deserialize(ref reader, objectForm ??= (JsonTypeInfo<StockHold>)options.GetTypeInfo(typeof(StockHold)))
                    ?? throw new JsonException($"The hold of order {orderId} is null.")
                : ReadArray(ref reader, orderId);
        }

        return holds;
    }

    public override void Write(Utf8JsonWriter writer, Dictionary<string, StockHold> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (orderId, hold) in value)
        {
            writer.WritePropertyName(orderId);
            writer.WriteStartArray();
            writer.WriteStringValue(hold.ShopperId);
            writer.WriteNumberValue(hold.Quantity);
            writer.WriteStringValue(hold.State switch
            {
                HoldState.Reserved => nameof(HoldState.Reserved),
                HoldState.Sold => nameof(HoldState.Sold),
                HoldState.Released => nameof(HoldState.Released),
                HoldState.Refunded => nameof(HoldState.Refunded),
                _ => throw new JsonException($"Hold state {hold.State} of order {orderId} has no name."),
            });
            writer.WriteNumberValue(hold.ReservedAt.UtcTicks);
            WriteTicks(writer, hold.ReleasedAt);
            if (hold.UnitPrice is { } price)
            {
                writer.WriteNumberValue(price.Amount);
                writer.WriteStringValue(price.Currency);
            }
            else
            {
                writer.WriteNullValue();
                writer.WriteNullValue();
            }

            WriteTicks(writer, hold.SoldAt);
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static StockHold ReadArray(ref Utf8JsonReader reader, string orderId)
    {
        Expect(ref reader, JsonTokenType.StartArray, "hold of order " + orderId);
        var hold = new StockHold
        {
            ShopperId = NextString(ref reader, orderId) ?? throw Malformed(orderId),
            Quantity = NextInt64(ref reader, orderId) is var quantity and >= int.MinValue and <= int.MaxValue ? (int)quantity : throw Malformed(orderId),
            State = NextString(ref reader, orderId) switch
            {
                nameof(HoldState.Reserved) => HoldState.Reserved,
                nameof(HoldState.Sold) => HoldState.Sold,
                nameof(HoldState.Released) => HoldState.Released,
                nameof(HoldState.Refunded) => HoldState.Refunded,
                var other => throw new JsonException($"The hold of order {orderId} has an unknown state '{other}'."),
            },
            ReservedAt = new DateTimeOffset(NextInt64(ref reader, orderId), TimeSpan.Zero),
            ReleasedAt = NextTicks(ref reader, orderId),
        };
        var amount = NextNullableInt64(ref reader, orderId);
        var currency = NextString(ref reader, orderId);
        hold.UnitPrice = (amount, currency) switch
        {
            (null, null) => null,
            ({ } a, { } c) => new Money(a, c),
            _ => throw Malformed(orderId),
        };
        Advance(ref reader, orderId);
        if (reader.TokenType == JsonTokenType.EndArray)
        {
            // Written before sale times were kept.
            return hold;
        }

        hold.SoldAt = Utc(CurrentNullableInt64(ref reader, orderId));
        Advance(ref reader, orderId);
        if (reader.TokenType != JsonTokenType.EndArray)
        {
            throw Malformed(orderId);
        }

        return hold;
    }

    private static void WriteTicks(Utf8JsonWriter writer, DateTimeOffset? at)
    {
        if (at is { } value)
        {
            writer.WriteNumberValue(value.UtcTicks);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private static DateTimeOffset? NextTicks(ref Utf8JsonReader reader, string orderId) => Utc(NextNullableInt64(ref reader, orderId));

    private static DateTimeOffset? Utc(long? ticks) => ticks is { } value ? new DateTimeOffset(value, TimeSpan.Zero) : null;

    private static long NextInt64(ref Utf8JsonReader reader, string orderId) =>
        NextNullableInt64(ref reader, orderId) ?? throw Malformed(orderId);

    private static long? NextNullableInt64(ref Utf8JsonReader reader, string orderId)
    {
        Advance(ref reader, orderId);
        return CurrentNullableInt64(ref reader, orderId);
    }

    private static long? CurrentNullableInt64(ref Utf8JsonReader reader, string orderId) =>
        reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.Number when reader.TryGetInt64(out var value) => value,
            _ => throw Malformed(orderId),
        };

    private static string? NextString(ref Utf8JsonReader reader, string orderId)
    {
        Advance(ref reader, orderId);
        return reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => reader.GetString(),
            _ => throw Malformed(orderId),
        };
    }

    /// <summary>Moves to the hold's next value; an array that ends early is malformed.</summary>
    private static void Advance(ref Utf8JsonReader reader, string orderId)
    {
        if (!reader.Read())
        {
            throw Malformed(orderId);
        }
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what)
    {
        if (reader.TokenType != type)
        {
            throw new JsonException($"Expected {type} for {what}, found {reader.TokenType}.");
        }
    }

    private static JsonException Malformed(string orderId) =>
        new($"The hold of order {orderId} is not [shopper, quantity, state, reservedAt, releasedAt, amount, currency, soldAt].");
}
