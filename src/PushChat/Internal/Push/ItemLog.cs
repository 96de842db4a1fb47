using System;
using System.Collections.Generic;

namespace PushChat.Internal.Push;

/// <summary>
/// An append-only, bounded log of items (a room's lines, notices, topic changes and deletions, or
/// a session's private items), each placed at a <see cref="LogPosition"/> as it is appended. Only
/// the newest items are kept; readers ask for everything after a position and are told exactly
/// what they can no longer have. The ring grows as items come, up to its capacity, so a quiet log
/// (a session nobody whispers to) holds no array. Not thread-safe: the chat state appends and
/// reads under its lock.
/// </summary>
internal sealed class ItemLog
{
    private const int InitialCapacity = 4;

    private readonly int _capacity;
    private PushItem[] _items = Array.Empty<PushItem>();
    private int _oldest;
    private int _count;

    public ItemLog(long epoch, int capacity, bool isMailbox = false)
    {
        Epoch = epoch;
        _capacity = capacity;
        IsMailbox = isMailbox;
    }

    public long Epoch { get; }

    /// <summary>Whether this is a session's mailbox rather than a room's log.</summary>
    public bool IsMailbox { get; }

    /// <summary>The sequence of the newest item; 0 before the first.</summary>
    public long Head { get; private set; }

    /// <summary>Where the newest item stands: reading after it returns nothing.</summary>
    public LogPosition HeadPosition => new(Epoch, Head);

    /// <summary>The sequence of the oldest item kept (one above <see cref="Head"/> while nothing is kept).</summary>
    public long Tail => Head - _count + 1;

    /// <summary>Places the item at the next position and keeps it, dropping the oldest when full.</summary>
    public void Append(PushItem item)
    {
        item.Place(new LogPosition(Epoch, ++Head), IsMailbox);
        if (_capacity == 0)
        {
            return;
        }

        if (_count == _items.Length && _items.Length < _capacity)
        {
            Grow();
        }

        if (_count < _items.Length)
        {
            _items[(_oldest + _count) % _items.Length] = item;
            _count++;
        }
        else
        {
            _items[_oldest] = item;
            _oldest = (_oldest + 1) % _items.Length;
        }
    }

    /// <summary>The item at <paramref name="sequence"/> of this epoch, while it is kept.</summary>
    public PushItem? Find(long sequence) =>
        sequence >= Tail && sequence <= Head ? _items[(_oldest + (int)(sequence - Tail)) % _items.Length] : null;

    /// <summary>
    /// Everything a reader who has all items up to <paramref name="after"/> has not seen: the kept
    /// items after it, oldest first, skipping lines deleted since (and their tombstones), but with
    /// the tombstone of every line it had. A position from another epoch, or beyond the head, is
    /// stale: the reader gets everything kept and is told so.
    /// </summary>
    public LogRead ReadAfter(LogPosition after)
    {
        var stale = after.Epoch != Epoch || after.Sequence > Head || after.Sequence < 0;
        var seen = stale ? 0 : after.Sequence;
        var missed = Math.Max(0, Tail - 1 - seen);
        var items = new List<PushItem>();
        for (var i = 0; i < _count; i++)
        {
            var item = _items[(_oldest + i) % _items.Length];
            if (item.Position.Sequence > seen && item.IsNewsAfter(seen))
            {
                items.Add(item);
            }
        }

        return new LogRead(items, missed, stale);
    }

    /// <summary>The kept items a reader starting afresh gets: lines and notices not deleted, no tombstones.</summary>
    public IReadOnlyList<PushItem> FromStart() => ReadAfter(new LogPosition(Epoch, 0)).Items;

    private void Grow()
    {
        var larger = new PushItem[Math.Min(_capacity, Math.Max(InitialCapacity, _items.Length * 2))];
        for (var i = 0; i < _count; i++)
        {
            larger[i] = _items[(_oldest + i) % _items.Length];
        }

        _items = larger;
        _oldest = 0;
    }
}
