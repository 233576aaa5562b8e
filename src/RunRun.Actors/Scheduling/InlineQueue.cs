namespace RunRun.Actors.Scheduling;

/// <summary>
/// A first-in, first-out queue that keeps its oldest item in a field, and a <see cref="Queue{T}"/>
/// only while more items wait behind it. An activation's mailbox and its scheduler's queue hold one
/// item at a time nearly always, and a silo keeps millions of activations alive: a queue object
/// and its array each, kept for the activation's life, were a sixth of what every idle activation
/// cost the garbage collector. A mutable struct: keep it in a field, never in a readonly one or a
/// local copy, and guard it with its owner's lock.
/// </summary>
internal struct InlineQueue<T>
    where T : class
{
    // Null only when the queue is empty: the oldest item always sits here, later ones in _rest.
    private T? _head;
    private Queue<T>? _rest;

    public readonly int Count => _head is null ? 0 : 1 + (_rest?.Count ?? 0);

    public void Enqueue(T item)
    {
        if (_head is null)
        {
            _head = item;
            return;
        }

        (_rest ??= new Queue<T>()).Enqueue(item);
    }

    public readonly bool TryPeek(out T item)
    {
        item = _head!;
        return _head is not null;
    }

    public bool TryDequeue(out T item)
    {
        if (_head is null)
        {
            item = null!;
            return false;
        }

        item = _head;
        if (_rest is not null && _rest.TryDequeue(out var next))
        {
            _head = next;
        }
        else
        {
            // Empty: an activation that is quiet again keeps no queue for the rest of its life. Only
            // when empty, so a busy one moving between one and two items keeps the queue it has.
            _head = null;
            _rest = null;
        }

        return true;
    }

    public void Clear()
    {
        _head = null;
        _rest = null;
    }

    public readonly T[] ToArray() => _head is null ? [] : [_head, .. _rest ?? []];
}
