namespace RunRun.Sales.Stock;

/// <summary>
/// A Bloom filter of shopper ids: "no" is certain, "maybe" is wrong about 1 % of the time. It lets an
/// API replica that answers sold_out without a grain call still send the orders of shoppers who hold
/// units (a retry of their placed order among them) to the grain. The hash is FNV-1a over the id's
/// UTF-16 code units, the same in every process and version.
/// </summary>
[RunRun.Actors.Concurrency.Immutable]
public sealed record ShopperFilter(byte[] Bits, int Probes)
{
    // About 1 % false positives at 10 bits and 7 probes per id.
    private const int BitsPerId = 10;
    private const int DefaultProbes = 7;

    /// <summary>A filter sized for <paramref name="capacity"/> ids (repeats are fine: they set the same bits).</summary>
    public static ShopperFilter Of(IEnumerable<string> shopperIds, int capacity)
    {
        ArgumentNullException.ThrowIfNull(shopperIds);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        var bits = new byte[Math.Max(8, (capacity * BitsPerId + 7) / 8)];
        foreach (var shopperId in shopperIds)
        {
            var probe = Probe.Of(shopperId, bits.Length);
            for (var i = 0; i < DefaultProbes; i++)
            {
                var (index, mask) = probe.Bit(i);
                bits[index] |= mask;
            }
        }

        return new ShopperFilter(bits, DefaultProbes);
    }

    public bool MightContain(string shopperId)
    {
        ArgumentNullException.ThrowIfNull(shopperId);
        var probe = Probe.Of(shopperId, Bits.Length);
        for (var i = 0; i < Probes; i++)
        {
            var (index, mask) = probe.Bit(i);
            if ((Bits[index] & mask) == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Where an id's bits lie: double hashing, the low half of the hash starts and the high half steps.</summary>
    private readonly record struct Probe(ulong First, ulong Step, ulong Size)
    {
        public static Probe Of(string id, int bytes)
        {
            var hash = 14695981039346656037ul;
            foreach (var c in id)
            {
                hash = (hash ^ c) * 1099511628211ul;
            }

            // A final mix, so that ids differing only in their last characters still spread over the bits.
            hash ^= hash >> 33;
            hash *= 0xff51afd7ed558ccdul;
            hash ^= hash >> 33;

            // The step is made odd, so it never stands still.
            return new Probe(hash & 0xffffffff, (hash >> 32) | 1, (ulong)bytes * 8);
        }

        /// <summary>The byte and mask of probe <paramref name="i"/>'s bit.</summary>
        public (int Index, byte Mask) Bit(int i)
        {
            var bit = (First + (ulong)i * Step) % Size;
            return ((int)(bit >> 3), (byte)(1 << (int)(bit & 7)));
        }
    }
}

/// <summary>
/// What an API replica needs to answer sold_out on its own: the units available now, and which
/// shoppers hold (or held) units of the product. <see cref="Shoppers"/> is left out when the caller
/// already has the filter of <see cref="Version"/>.
/// </summary>
[RunRun.Actors.Concurrency.Immutable]
public sealed record StockHolders(long Version, long Available, ShopperFilter? Shoppers);
