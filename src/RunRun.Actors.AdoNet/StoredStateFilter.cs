namespace RunRun.Actors.AdoNet;

/// <summary>
/// Which grain states may have a row, as a growing Bloom filter (slices of doubling size, about 1 %
/// false positives each). A new grain's first read, such as a new order's, then costs a few memory
/// reads instead of a SQL point query that finds nothing. It can answer "absent" only when it has
/// seen every row: the rows stored before start-up (a scan) and every write made since (added before
/// the write is queued, so no commit can precede its key). That holds only while this process is
/// the database's one writer, which the database claims before it builds one.
/// </summary>
internal sealed class StoredStateFilter
{
    private const int BitsPerKey = 10;
    private const int Probes = 7;
    private const int FirstCapacity = 1 << 16;

    private readonly Lock _grow = new();
    private Slice[] _slices = [new Slice(FirstCapacity)];
    private volatile bool _complete;

    /// <summary>True once the stored rows have all been added, from which point "absent" answers are given.</summary>
    public bool IsComplete => _complete;

    public void MarkComplete() => _complete = true;

    public void Add(string stateName, GrainId grainId) => Add(Hash(stateName, grainId.Type.Value, grainId.Key));

    /// <summary>Adds a key as the table stores it: the state name and the grain id's text.</summary>
    public void Add(string stateName, string grainIdText) => Add(Hash(stateName, grainIdText, null));

    /// <summary>False only when the state certainly has no row; true before the stored rows are all in.</summary>
    public bool MayContain(string stateName, GrainId grainId)
    {
        if (!_complete)
        {
            return true;
        }

        return MayContain(Hash(stateName, grainId.Type.Value, grainId.Key));
    }

    private bool MayContain(ulong hash)
    {
        foreach (var slice in Volatile.Read(ref _slices))
        {
            if (slice.MayContain(hash))
            {
                return true;
            }
        }

        return false;
    }

    private void Add(ulong hash)
    {
        // A grain writes its state many times; only a key not yet in counts against a slice's size.
        if (MayContain(hash))
        {
            return;
        }

        var slices = Volatile.Read(ref _slices);
        var last = slices[^1];
        if (last.TryAdd(hash))
        {
            return;
        }

        lock (_grow)
        {
            slices = _slices;
            if (ReferenceEquals(slices[^1], last))
            {
                slices = [.. slices, new Slice(last.Capacity * 2)];
                Volatile.Write(ref _slices, slices);
            }
        }

        // The full slice stays readable; the key goes to the newest one.
        slices[^1].Add(hash);
    }

    /// <summary>
    /// FNV-1a over the characters, then a 64-bit finaliser so that both halves mix every character;
    /// the text hashed is what the grain_id column holds ("type/key"), after the state name.
    /// </summary>
    private static ulong Hash(string stateName, string first, string? key)
    {
        var hash = 14695981039346656037UL;
        hash = Mix(hash, stateName);

        // A separator no name contains, so ("ab", "c") and ("a", "bc") hash apart.
        hash = (hash ^ 0) * 1099511628211UL;
        hash = Mix(hash, first);
        if (key is not null)
        {
            hash = (hash ^ '/') * 1099511628211UL;
            hash = Mix(hash, key);
        }

        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        hash *= 0xc4ceb9fe1a85ec53UL;
        return hash ^ (hash >> 33);
    }

    private static ulong Mix(ulong hash, string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    hash = (hash ^ c) * 1099511628211UL;
                    c = text[++i];
                }
                else
                {
                    // SQLite stores a lone surrogate as U+FFFD, which is what the start-up scan reads back.
                    c = '\uFFFD';
                }
            }

            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>One fixed-size filter; bits are only ever set, with atomic ORs, so readers need no lock.</summary>
    private sealed class Slice(int capacity)
    {
        private readonly long[] _words = new long[Math.Max(1, (long)capacity * BitsPerKey / 64)];
        private long _added;

        public int Capacity => capacity;

        /// <summary>Adds the key unless the slice already holds as many as it was sized for.</summary>
        public bool TryAdd(ulong hash)
        {
            if (Interlocked.Increment(ref _added) > capacity)
            {
                Interlocked.Decrement(ref _added);
                return false;
            }

            Set(hash);
            return true;
        }

        public void Add(ulong hash)
        {
            Interlocked.Increment(ref _added);
            Set(hash);
        }

        public bool MayContain(ulong hash)
        {
            var bits = (ulong)_words.Length * 64;
            var (h1, h2) = ((uint)hash, (uint)(hash >> 32) | 1);
            for (var i = 0u; i < Probes; i++)
            {
                var bit = (h1 + (i * h2)) % bits;
                if ((Volatile.Read(ref _words[bit >> 6]) & (1L << (int)(bit & 63))) == 0)
                {
                    return false;
                }
            }

            return true;
        }

        private void Set(ulong hash)
        {
            var bits = (ulong)_words.Length * 64;
            var (h1, h2) = ((uint)hash, (uint)(hash >> 32) | 1);
            for (var i = 0u; i < Probes; i++)
            {
                var bit = (h1 + (i * h2)) % bits;
                Interlocked.Or(ref _words[bit >> 6], 1L << (int)(bit & 63));
            }
        }
    }
}
