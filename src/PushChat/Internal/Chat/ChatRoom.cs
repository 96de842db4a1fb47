using System.Collections.Generic;
using PushChat.Internal.Push;
using PushChat.Internal.Transport;

namespace PushChat.Internal.Chat;

/// <summary>
/// A room: its numbered lines, recent history and open streams. Only <see cref="ChatState"/>
/// changes it, under its lock, so every reader sees lines in sequence order and a stream that
/// opens gets history and live lines without a gap.
/// </summary>
internal sealed class ChatRoom
{
    private readonly LineHistory _history;
    private readonly List<IPushStream> _streams = new();
    private long _lastSequence;

    public ChatRoom(string name, int historyLength, bool isDefault)
    {
        Name = name;
        IsDefault = isDefault;
        _history = new LineHistory(historyLength);
    }

    public string Name { get; }

    /// <summary>The room everyone starts in; it never goes away.</summary>
    public bool IsDefault { get; }

    public string? Topic { get; set; }

    public long LastSequence => System.Threading.Interlocked.Read(ref _lastSequence);

    public int StreamCount => _streams.Count;

    public long NextSequence() => System.Threading.Interlocked.Increment(ref _lastSequence);

    /// <summary>Keeps the line and queues it to every stream whose reader may see it; returns how many got it.</summary>
    public int Publish(ChatLine line, long now, DrainBatch writers)
    {
        _history.Add(line);
        var delivered = 0;
        foreach (var stream in _streams)
        {
            if (line.IsFor(stream.Reader) && stream.Write(line, now, writers))
            {
                delivered++;
            }
        }

        return delivered;
    }

    /// <summary>Replays the history this stream's reader may see, then adds it for every new line.</summary>
    public void Subscribe(IPushStream stream, long now)
    {
        foreach (var line in _history.OldestFirst())
        {
            if (line.IsFor(stream.Reader))
            {
                stream.Replay(line, now);
            }
        }

        _streams.Add(stream);
    }

    public void Unsubscribe(IPushStream stream) => _streams.Remove(stream);

    public bool Delete(long sequence) => _history.Remove(sequence);

    public IEnumerable<ChatLine> HistoryAfter(long sequence) => _history.After(sequence);
}
