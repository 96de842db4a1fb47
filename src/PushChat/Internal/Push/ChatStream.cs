using System;
using System.Threading;
using PushChat.Internal.Chat;
using PushChat.Internal.Transport;

namespace PushChat.Internal.Push;

/// <summary>One open chat frame: the push response of a connection, fed by its session's room.</summary>
internal sealed class ChatStream : IPushStreamOwner, IFanOutTarget
{
    private static readonly byte[] KeepAliveComment = "<!-- -->\n"u8.ToArray();

    private readonly HttpConnection _connection;
    private readonly Action<ChatStream> _onClosed;
    private long _lastWrite;
    private bool _closed;

    public ChatStream(HttpConnection connection, ChatSession session, long now, Action<ChatStream> onClosed)
    {
        _connection = connection;
        Session = session;
        _lastWrite = now;
        _onClosed = onClosed;
    }

    /// <summary>The session this stream belongs to.</summary>
    public ChatSession Session { get; }

    public long LastWrite => Volatile.Read(ref _lastWrite);

    /// <summary>Set once the connection closed; a room never adds a closed stream.</summary>
    public bool IsClosed => Volatile.Read(ref _closed);

    public bool Write(ReadOnlyMemory<byte> bytes, long now, DrainBatch? batch = null)
    {
        // A plain atomic store is enough for the keep-alive sweep, which only needs a recent value.
        Volatile.Write(ref _lastWrite, now);
        return _connection.Write(bytes, batch);
    }

    public void KeepAlive(long now, DrainBatch batch) => Write(KeepAliveComment, now, batch);

    void IFanOutTarget.Deliver(ReadOnlySpan<ReadOnlyMemory<byte>> lines, long now, WriteStarts starts)
    {
        Volatile.Write(ref _lastWrite, now);
        _connection.Deliver(lines, starts);
    }

    public void End(ReadOnlyMemory<byte> tail) => _connection.EndStream(tail);

    void IPushStreamOwner.OnConnectionClosed(HttpConnection connection)
    {
        Volatile.Write(ref _closed, true);
        _onClosed(this);
    }
}
