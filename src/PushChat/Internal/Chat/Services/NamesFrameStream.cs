using System;
using System.Text;
using System.Threading;
using PushChat.Internal.Chat.State;
using PushChat.Internal.Push;

namespace PushChat.Internal.Chat.Services;

/// <summary>
/// One open names frame: the connection its lists go to, and what it last showed, so that
/// <see cref="NamesFrames"/> sends a new list only when the room changed and the list with it.
/// What it showed is kept as a hash, not the markup: a frame lists up to a hundred users.
/// </summary>
internal sealed class NamesFrameStream
{
    private readonly IPushTransport _transport;
    private static readonly byte[] KeepAliveComment = "<!-- -->\n"u8.ToArray();

    private int _closed;
    private int _shownList;

    public NamesFrameStream(IPushTransport transport, ChatSession session, long now)
    {
        _transport = transport;
        Session = session;
        LastListAt = now;
        LastWriteAt = now;
    }

    public ChatSession Session { get; }

    /// <summary>The room the last list showed.</summary>
    public string ShownRoom { get; private set; } = string.Empty;

    /// <summary>Who was in that room, as <see cref="NamesFrames"/> fingerprints it.</summary>
    public int ShownPresence { get; private set; }

    /// <summary>When the last list was drawn, on the clock's timestamp.</summary>
    public long LastListAt { get; private set; }

    /// <summary>When anything was last written, on the clock's timestamp.</summary>
    public long LastWriteAt { get; private set; }

    /// <summary>How many lists the document holds.</summary>
    public int Lists { get; private set; }

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>Names who is told, once, when the connection closes.</summary>
    public void WhenClosed(Action<NamesFrameStream> closed) => _transport.SetClosedHandler(() =>
    {
        Volatile.Write(ref _closed, 1);
        closed(this);
    });

    /// <summary>Writes the document's start and first list.</summary>
    public void Start(string start, string list, string room, int presence, long now)
    {
        _transport.Write(Encoding.UTF8.GetBytes(start + list), batch: null, bounded: false);
        Lists = 1;
        Remember(StringComparer.Ordinal.GetHashCode(list), room, presence, now);
    }

    /// <summary>
    /// Appends a list unless it is the one shown already; true when it was sent. A reader that
    /// does not take what it is sent is cut off by its queue's bound, as a chat frame's is.
    /// </summary>
    public bool Send(string list, string room, int presence, long now)
    {
        var hash = StringComparer.Ordinal.GetHashCode(list);
        var changed = hash != _shownList;
        if (changed)
        {
            _transport.Write(Encoding.UTF8.GetBytes(list), batch: null, bounded: true);
            Lists++;
            LastWriteAt = now;
        }

        Remember(hash, room, presence, now);
        return changed;
    }

    /// <summary>A comment that keeps a quiet frame's connection from being cut as idle by proxies on the way, as a chat frame's keep-alive does.</summary>
    public void KeepAlive(long now)
    {
        _transport.Write(KeepAliveComment, batch: null, bounded: true);
        LastWriteAt = now;
    }

    /// <summary>Ends the document after <paramref name="last"/> and closes the connection.</summary>
    public void End(string last)
    {
        Volatile.Write(ref _closed, 1);
        _transport.EndStream(Encoding.UTF8.GetBytes(last));
    }

    private void Remember(int list, string room, int presence, long now)
    {
        _shownList = list;
        ShownRoom = room;
        ShownPresence = presence;
        LastListAt = now;
    }
}
