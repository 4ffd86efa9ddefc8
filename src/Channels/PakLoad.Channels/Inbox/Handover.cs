namespace PakLoad.Channels.Inbox;

/// <summary>
/// Rows a process hands to a <see cref="UserLanes"/> drain beside the signal, as it just committed them, so the
/// drain need not read them back. A plain signal (a poll, a writer that hands nothing over) asks the drain to read
/// the table as well. The table stays the durable copy: the drain claims a handed-over row only while it is still
/// the key's oldest pending row, and reads the table whenever such a claim fails.
/// </summary>
public sealed class Handover<T>
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _byKey = new(StringComparer.Ordinal);

    /// <summary>Rows committed for <paramref name="key"/>, in the order they were written.</summary>
    public void Add(string key, IEnumerable<T> rows)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(rows);
        lock (_gate)
        {
            EntryOf(key).Rows.AddRange(rows);
        }
    }

    /// <summary>A signal that hands nothing over: the next drain of <paramref name="key"/> reads the table.</summary>
    public void AskToRead(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            EntryOf(key).Read = true;
        }
    }

    /// <summary>
    /// What a drain of <paramref name="key"/> starts from: the rows handed over since the last drain and whether to
    /// read the table. Nothing recorded (a signal from before the handover was kept) means read.
    /// </summary>
    public (IReadOnlyList<T> Rows, bool Read) Take(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            return _byKey.Remove(key, out var entry) ? (entry.Rows, entry.Read) : ([], true);
        }
    }

    private Entry EntryOf(string key)
    {
        if (!_byKey.TryGetValue(key, out var entry))
        {
            entry = new Entry();
            _byKey[key] = entry;
        }

        return entry;
    }

    private sealed class Entry
    {
        public List<T> Rows { get; } = [];

        public bool Read { get; set; }
    }
}
