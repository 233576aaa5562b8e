using System.Text;

namespace RunRun.Actors;

/// <summary>
/// A hash of a grain id that is the same in every process and version (unlike string.GetHashCode),
/// so placement and reminder ranges agree across the cluster.
/// </summary>
public static class StableHash
{
    public static uint Compute(GrainId grainId) => Compute(grainId.ToString());

    /// <summary>FNV-1a over UTF-8, then a final avalanche so nearby keys spread over the ring.</summary>
    public static uint Compute(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var hash = 2166136261u;
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetByteCount(value) <= buffer.Length
            ? buffer[..Encoding.UTF8.GetBytes(value, buffer)]
            : Encoding.UTF8.GetBytes(value);
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 16777619u;
        }

        hash ^= hash >> 16;
        hash *= 0x85ebca6bu;
        hash ^= hash >> 13;
        hash *= 0xc2b2ae35u;
        hash ^= hash >> 16;
        return hash;
    }
}
