using System;
using System.Buffers;
using System.Threading;
using Microsoft.Extensions.Logging;
using PushChat.Internal.Http;
using PushChat.Internal.Infrastructure;
using PushChat.Internal.Push;

namespace PushChat.Internal.WebSockets;

/// <summary>
/// The server's end of one WebSocket (RFC 6455) over the engine's connection: reads the client's
/// frames on the connection's receive loop, answers pings and the close handshake itself, closes
/// with the RFC's code when the client breaks the protocol or a limit, pings a silent client and
/// lets one that stays silent go, and hands whole text messages to its <see cref="IWebSocketHandler"/>.
/// Frames go out through the connection's bounded queue.
/// </summary>
internal sealed class WebSocketConnection : IUpgradedProtocol
{
    private static readonly byte[] EmptyPing = WebSocketFrameWriter.Frame(WebSocketOpcode.Ping, ReadOnlySpan<byte>.Empty);

    private readonly IWebSocketHandler _handler;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly WebSocketLimits _limits;
    private readonly WebSocketFrameReader _reader;
    private readonly WebSocketMessageAssembler _assembler;
    private readonly WebSocketOutput _output = new();
    private readonly WebSocketKeepAlive _keepAlive;
    private ITimer? _closeTimer;
    private Action? _onClosed;
    private int _closedTold;

    /// <param name="handler">Gets the text messages and the end, on the receive loop.</param>
    /// <param name="time">The clock of pings, the idle limit and the close timeout.</param>
    /// <param name="logger">Where protocol errors (Debug) and handler failures go.</param>
    /// <param name="limits">Sizes and times; <see cref="WebSocketLimits.Default"/> when null.</param>
    public WebSocketConnection(IWebSocketHandler handler, TimeProvider time, ILogger logger, WebSocketLimits? limits = null)
    {
        _handler = handler;
        _time = time;
        _logger = logger;
        _limits = limits ?? WebSocketLimits.Default;

        // A frame can carry no more than a whole message, so one limit serves both.
        _reader = new WebSocketFrameReader(_limits.MaxMessageBytes);
        _assembler = new WebSocketMessageAssembler(_limits.MaxMessageBytes);
        _keepAlive = new WebSocketKeepAlive(time, _limits, ping: () => _output.SendControl(EmptyPing, bounded: true), idle: CloseIdle);
        Transport = new WebSocketStreamTransport(this, _output);
    }

    /// <summary>
    /// What a push stream writes this reader's items through: pre-framed text frames go out as
    /// they are while the socket is open, never after its close frame. Usable before
    /// <see cref="Attach"/>: what it gets waits for the transport.
    /// </summary>
    public IPushTransport Transport { get; }

    /// <summary>Whether text may still be sent: no close frame went out and the connection did not end.</summary>
    public bool IsOpen => _output.IsOpen;

    /// <summary>
    /// Gives the transport the upgrade returned (see <see cref="WebSocketUpgrade.Accept"/>): frames
    /// sent before it, and a close asked for before it, go out now.
    /// </summary>
    public void Attach(IPushTransport transport) => _output.Attach(transport);

    /// <summary>Frames <paramref name="utf8Json"/> as one text message and queues it, bounded like every stream; false once closing or closed.</summary>
    public bool SendText(ReadOnlySpan<byte> utf8Json) => _output.Send(WebSocketFrameWriter.TextFrame(utf8Json), bounded: true);

    /// <summary>
    /// Starts the close handshake: sends the close frame (nothing is sent after it), then ends the
    /// connection when the client answers, or after <see cref="WebSocketLimits.CloseTimeout"/>.
    /// Any thread; a second close, or one after the end, does nothing.
    /// </summary>
    public void Close(ushort code, string reason)
    {
        if (!_output.SendClose(WebSocketFrameWriter.Close(code, reason)))
        {
            return;
        }

        var timer = _time.CreateTimer(static state => ((WebSocketConnection)state!).End(), this, _limits.CloseTimeout, Timeout.InfiniteTimeSpan);
        if (Interlocked.CompareExchange(ref _closeTimer, timer, null) is not null || _output.HasEnded)
        {
            timer.Dispose();
        }
    }

    /// <inheritdoc />
    public SequencePosition OnReceived(in ReadOnlySequence<byte> buffer)
    {
        if (_output.HasEnded)
        {
            return buffer.End;
        }

        _keepAlive.Heard();
        var rest = buffer;
        try
        {
            while (!_output.HasEnded && _reader.TryRead(ref rest, out var frame))
            {
                if (_assembler.Add(frame) is { } message)
                {
                    Handle(message);
                }
            }
        }
        catch (WebSocketProtocolException error)
        {
            Fail(error.CloseCode, error.Message);
        }

        // After the end, what else came is nobody's.
        return _output.HasEnded ? buffer.End : rest.Start;
    }

    /// <inheritdoc />
    public void OnClosed()
    {
        _output.Closed();
        StopTimers();
        if (Interlocked.Exchange(ref _closedTold, 1) == 0)
        {
            _handler.OnClosed();
            Interlocked.Exchange(ref _onClosed, null)?.Invoke();
        }
    }

    /// <summary>Names who else is told when the connection closes (a push stream, see <see cref="IPushTransport.SetClosedHandler"/>); told at once if it already has.</summary>
    public void SetClosedHandler(Action onClosed)
    {
        Interlocked.Exchange(ref _onClosed, onClosed);
        if (Volatile.Read(ref _closedTold) != 0)
        {
            Interlocked.Exchange(ref _onClosed, null)?.Invoke();
        }
    }

    private void Handle(WebSocketMessage message)
    {
        switch (message.Opcode)
        {
            case WebSocketOpcode.Text:
                // While closing, messages still arriving are dropped (RFC 6455, section 1.4).
                if (_output.IsOpen)
                {
                    HandOn(message.Payload);
                }

                break;
            case WebSocketOpcode.Binary:
                Fail(WebSocketCloseCode.UnsupportedData, "This chat takes text messages only.");
                break;
            case WebSocketOpcode.Ping:
                _output.SendControl(WebSocketFrameWriter.Frame(WebSocketOpcode.Pong, message.Payload), bounded: true);
                break;
            case WebSocketOpcode.Close:
                // The client starts the handshake (answered with its own code, section 5.5.1) or
                // answers ours; either way the server closes the TCP connection first (section 7.1.1).
                var code = WebSocketMessageAssembler.CloseCodeOf(message.Payload);
                _output.SendClose(WebSocketFrameWriter.Close(code == WebSocketCloseCode.NoStatus ? WebSocketCloseCode.Normal : code, string.Empty));
                End();
                break;
        }
    }

    private void HandOn(byte[] utf8)
    {
        try
        {
            _handler.OnText(utf8);
        }
#pragma warning disable CA1031 // A failing handler ends its own connection with 1011, not the receive loop with an error.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.WebSocketHandlerFailed(_logger, ex);
            Fail(WebSocketCloseCode.InternalError, "The server failed to handle the message.");
        }
    }

    // Failing the connection (RFC 6455, section 7.1.7): the close frame, then the end at once,
    // without waiting for an answer from a client that already broke the protocol.
    private void Fail(ushort code, string reason)
    {
        if (_output.HasEnded)
        {
            return;
        }

        Log.WebSocketClosedOnError(_logger, code, reason);
        _output.SendClose(WebSocketFrameWriter.Close(code, reason));
        End();
    }

    private void CloseIdle() =>
        Close(WebSocketCloseCode.GoingAway, "Nothing came from the client for too long.");

    private void End()
    {
        if (_output.End())
        {
            StopTimers();
        }
    }

    private void StopTimers()
    {
        _keepAlive.Stop();
        Interlocked.Exchange(ref _closeTimer, null)?.Dispose();
    }
}
