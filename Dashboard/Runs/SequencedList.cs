namespace Dashboard.Runs;

/// <summary>Items in the order of their events' sequence numbers, which a resume cuts back to its last kept number.</summary>
public sealed class SequencedList<T>
{
    private readonly List<(long Sequence, T Item)> items = [];

    public int Count => items.Count;

    public IEnumerable<T> Items => items.Select(i => i.Item);

    public T? LastOrDefault => items.Count == 0 ? default : items[^1].Item;

    public void Add(long sequence, T item) => items.Add((sequence, item));

    /// <summary>Drops the items of events numbered after <paramref name="sequence"/>.</summary>
    public void DropAfter(long sequence)
    {
        int first = items.FindIndex(i => i.Sequence > sequence);
        if (first >= 0) items.RemoveRange(first, items.Count - first);
    }
}
