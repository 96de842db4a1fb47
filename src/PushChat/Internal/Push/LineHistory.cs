using System.Collections.Generic;

namespace PushChat.Internal.Push;

/// <summary>The last N lines of a room, oldest first, in a ring. Not thread-safe: the chat state locks.</summary>
internal sealed class LineHistory
{
    private readonly ChatLine?[] _lines;
    private int _next;
    private int _count;

    public LineHistory(int capacity) => _lines = new ChatLine?[capacity];

    public void Add(ChatLine line)
    {
        if (_lines.Length == 0)
        {
            return;
        }

        _lines[_next] = line;
        _next = (_next + 1) % _lines.Length;
        if (_count < _lines.Length)
        {
            _count++;
        }
    }

    /// <summary>The lines kept, oldest first; a deleted line leaves a gap, never a stale copy.</summary>
    public IEnumerable<ChatLine> OldestFirst() => After(0);

    /// <summary>The lines kept whose sequence number is above <paramref name="sequence"/>, oldest first (for resuming).</summary>
    public IEnumerable<ChatLine> After(long sequence)
    {
        if (_count == 0)
        {
            // Also the case of a room without history (capacity 0), where the modulo below would divide by zero.
            yield break;
        }

        var start = (_next - _count + _lines.Length) % _lines.Length;
        for (var i = 0; i < _count; i++)
        {
            if (_lines[(start + i) % _lines.Length] is { } line && line.Sequence > sequence)
            {
                yield return line;
            }
        }
    }

    /// <summary>Takes a line out of the history; null when it is no longer kept.</summary>
    public ChatLine? Remove(long sequence)
    {
        for (var i = 0; i < _lines.Length; i++)
        {
            if (_lines[i] is { } line && line.Sequence == sequence)
            {
                _lines[i] = null;
                return line;
            }
        }

        return null;
    }
}
