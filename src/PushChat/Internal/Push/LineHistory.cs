using System.Collections.Generic;

namespace PushChat.Internal.Push;

/// <summary>The last N lines of a room, oldest first, in a ring. Not thread-safe: the room locks.</summary>
internal sealed class LineHistory
{
    private readonly RenderedLine?[] _lines;
    private int _next;
    private int _count;

    public LineHistory(int capacity) => _lines = new RenderedLine?[capacity];

    public int Count => _count;

    public void Add(RenderedLine line)
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

    public IEnumerable<RenderedLine> OldestFirst()
    {
        if (_count == 0)
        {
            // Also the case of a room without history (capacity 0), where the modulo below would divide by zero.
            yield break;
        }

        var start = (_next - _count + _lines.Length) % _lines.Length;
        for (var i = 0; i < _count; i++)
        {
            yield return _lines[(start + i) % _lines.Length]!;
        }
    }
}
