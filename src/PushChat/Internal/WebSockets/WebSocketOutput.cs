using System;
using System.Collections.Generic;
using PushChat.Internal.Push;
using PushChat.Internal.Transport;

namespace PushChat.Internal.WebSockets;

/// <summary>
/// The server's side of one WebSocket on the wire: what may still be sent, in order. Frames sent
/// before the transport exists (it comes back from the upgrade) wait here; nothing is sent after
/// the close frame (RFC 6455, section 5.5.1); the transport is ended once, whoever asks first.
/// </summary>
internal sealed class WebSocketOutput
{
    private readonly object _gate = new();
    private IPushTransport? _transport;
    private List<(ReadOnlyMemory<byte> Frame, bool Bounded)>? _waiting = new();
    private volatile State _state;

    private enum State
    {
        Open,
        CloseSent,
        Ended,
    }

    /// <summary>Whether data frames may still be sent and received messages handed on.</summary>
    public bool IsOpen => _state == State.Open;

    /// <summary>Whether the transport was ended (or the connection closed): nothing more comes or goes.</summary>
    public bool HasEnded => _state == State.Ended;

    /// <summary>Gives the transport: what waited goes out now, and an end asked for meanwhile happens now.</summary>
    public void Attach(IPushTransport transport)
    {
        bool ended;
        lock (_gate)
        {
            if (_transport is not null)
            {
                throw new InvalidOperationException("The WebSocket already has its transport.");
            }

            _transport = transport;
            foreach (var (frame, bounded) in _waiting ?? new List<(ReadOnlyMemory<byte> Frame, bool Bounded)>())
            {
                transport.Write(frame, batch: null, bounded);
            }

            _waiting = null;
            ended = _state == State.Ended;
        }

        if (ended)
        {
            transport.EndStream(ReadOnlyMemory<byte>.Empty);
        }
    }

    /// <summary>Sends a data or control frame while the socket is open; false once the close frame went or the transport refused it.</summary>
    public bool Send(ReadOnlyMemory<byte> frame, bool bounded)
    {
        lock (_gate)
        {
            return _state == State.Open && WriteLocked(frame, bounded);
        }
    }

    /// <summary>
    /// Sends a ping or pong while the socket is open, at once rather than behind the items waiting
    /// for the fan-out: a control frame may go between any two messages (RFC 6455, section 5.4),
    /// and a ping for each of thousands of readers would otherwise split the fan-out's passes.
    /// </summary>
    public bool SendControl(ReadOnlyMemory<byte> frame, bool bounded)
    {
        lock (_gate)
        {
            if (_state != State.Open)
            {
                return false;
            }

            if (_transport is null)
            {
                _waiting?.Add((frame, bounded));
                return _waiting is not null;
            }

            return _transport.WriteNow(frame, bounded);
        }
    }

    /// <summary>Queues a fan-out's pre-framed frames, shared by many readers, while the socket is open (see <see cref="IPushTransport.Deliver"/>).</summary>
    public void Deliver(ReadOnlySpan<ReadOnlyMemory<byte>> frames, WriteStarts starts)
    {
        lock (_gate)
        {
            if (_state != State.Open)
            {
                return;
            }

            if (_transport is null)
            {
                foreach (var frame in frames)
                {
                    _waiting?.Add((frame, true));
                }

                return;
            }

            _transport.Deliver(frames, starts);
        }
    }

    /// <summary>Queues pre-framed history while the socket is open (see <see cref="IPushTransport.WriteReplay"/>).</summary>
    public void WriteReplay(ReadOnlyMemory<byte>[] frames)
    {
        lock (_gate)
        {
            if (_state != State.Open)
            {
                return;
            }

            if (_transport is null)
            {
                foreach (var frame in frames)
                {
                    _waiting?.Add((frame, true));
                }

                return;
            }

            _transport.WriteReplay(frames);
        }
    }

    /// <summary>Sends the close frame, the last frame the server sends; false when one was already sent or the transport ended.</summary>
    public bool SendClose(byte[] closeFrame)
    {
        lock (_gate)
        {
            if (_state != State.Open)
            {
                return false;
            }

            _state = State.CloseSent;

            // Not bounded: the close must reach a reader however far behind it is.
            WriteLocked(closeFrame, bounded: false);
            return true;
        }
    }

    /// <summary>Ends the transport after what was sent; false when it had already ended.</summary>
    public bool End()
    {
        IPushTransport? transport;
        lock (_gate)
        {
            if (_state == State.Ended)
            {
                return false;
            }

            _state = State.Ended;
            transport = _transport;
        }

        // Outside the lock: nothing can be sent any more, so no frame can slip in after the end.
        transport?.EndStream(ReadOnlyMemory<byte>.Empty);
        return true;
    }

    /// <summary>The connection closed: nothing more is sent, and what waited is dropped.</summary>
    public void Closed()
    {
        lock (_gate)
        {
            _state = State.Ended;
            _waiting = null;
        }
    }

    private bool WriteLocked(ReadOnlyMemory<byte> frame, bool bounded)
    {
        if (_transport is null)
        {
            _waiting?.Add((frame, bounded));
            return _waiting is not null;
        }

        return _transport.Write(frame, batch: null, bounded);
    }
}
