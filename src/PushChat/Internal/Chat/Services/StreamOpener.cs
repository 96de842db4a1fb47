using System;
using System.Text;
using System.Threading;
using Microsoft.Extensions.Logging;
using PushChat.Internal.Chat.State;
using PushChat.Internal.Infrastructure;
using PushChat.Internal.Push;
using PushChat.Localization;
using PushChat.Rendering;

namespace PushChat.Internal.Chat.Services;

/// <summary>
/// Opens a session's streams on their transports: the classic chat frame, Server-Sent Events and
/// a WebSocket's items. Kept apart from the commands because it is the one place the chat builds
/// a transport's stream, where a new transport plugs in.
/// </summary>
internal sealed class StreamOpener
{
    private readonly ChatState _state;
    private readonly IPageRenderer _renderer;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly LogThrottle _readerFailureLog;
    private readonly byte[] _fallbackGoodbye = Array.Empty<byte>();
    private readonly int _renewAfter;

    // One of each for every stream: a stream holds them for as long as it is open, and ten
    // thousand readers' own copies of the same two delegates would cost about a kilobyte each
    // with the closure they share.
    private readonly Action<IPushStream> _onStreamClosed;
    private readonly Action<IPushReader, Exception> _onReaderFailed;

    // The last goodbye drawn and its bytes: a renderer draws the same end for every frame, so
    // frames share one array instead of keeping a copy each.
    private RenderedGoodbye? _lastGoodbye;

    public StreamOpener(ChatState state, IPageRenderer renderer, TimeProvider time, ILogger logger, int renewAfter)
    {
        _renewAfter = renewAfter;
        _state = state;
        _renderer = renderer;
        _time = time;
        _logger = logger;
        _readerFailureLog = new LogThrottle(time);
        _onStreamClosed = state.OnStreamClosed;
        _onReaderFailed = ReaderFailed;
    }

    /// <summary>
    /// Opens a chat frame of the session on this transport: head, history (or what follows
    /// <paramref name="from"/>, when a frame renews itself), then live lines; announces the first join.
    /// </summary>
    public bool Open(ChatSession session, IPushTransport transport, ReadOnlyMemory<byte> head, StreamCursor? from = null)
    {
        // Drawn now, on the request's thread: the frame ends on the fan-out's, where no host code runs.
        var goodbye = Goodbye();
        return _state.OpenStream(session, () => new ForeverFrameStream(transport, session, head, goodbye, _time.GetTimestamp(), _onStreamClosed, _onReaderFailed, Renewal(session)), from);
    }

    /// <summary>Opens a Server-Sent Events stream of the session: its room, then history or what follows <paramref name="from"/>, then live items.</summary>
    public bool OpenEvents(ChatSession session, IPushTransport transport, StreamCursor? from) =>
        _state.OpenStream(session, () => new EventStreamItems(transport, session, _time.GetTimestamp(), _onStreamClosed, _onReaderFailed), from);

    /// <summary>Opens the item stream of a WebSocket connection; <paramref name="close"/> closes the connection when the stream ends.</summary>
    public bool OpenWebSocket(ChatSession session, IPushTransport transport, StreamCursor? from, Action<string> close) =>
        _state.OpenStream(session, () => new WebSocketItems(transport, session, _time.GetTimestamp(), _onStreamClosed, _onReaderFailed, close), from);

    private FrameRenewal? Renewal(ChatSession session) =>
        _renewAfter == 0 ? null : new FrameRenewal(_renewAfter, $"{ChatRoutes.Chat}?{ChatRoutes.SessionParameter}={Uri.EscapeDataString(session.Id)}", text => Notice(session, text));

    /// <summary>A notice line of the frame, drawn by the renderer as any notice (a plain paragraph if it fails).</summary>
    private ReadOnlyMemory<byte> Notice(ChatSession session, LocalText notice)
    {
        var text = notice.In(session.Language);
        var message = new ChatMessage(session.Room.Name, 0, ChatMessageKind.System, null, null, text, _time.GetUtcNow());
        try
        {
            return Encoding.UTF8.GetBytes(_renderer.RenderLine(message, session.Language));
        }
#pragma warning disable CA1031 // The notice is shown either way.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.RendererFailed(_logger, ex);
            return Encoding.UTF8.GetBytes("<p>" + Html.Encode(text) + "</p>\n");
        }
    }

    /// <summary>A delivery to the session's stream threw (the stream ends); logged a few times a minute at most.</summary>
    private void ReaderFailed(IPushReader reader, Exception error)
    {
        if (_readerFailureLog.TryEnter(out var skipped))
        {
            // Every stream this opener opens is a session's.
            Log.ReaderFailed(_logger, ((ChatSession)reader).UserName, skipped, error);
        }
    }

    /// <summary>The chat frame's last bytes; a renderer that fails here cannot keep the stream open.</summary>
    private ReadOnlyMemory<byte> Goodbye()
    {
        try
        {
            var text = _renderer.RenderChatEnd();
            var last = Volatile.Read(ref _lastGoodbye);
            if (last is not null && string.Equals(last.Text, text, StringComparison.Ordinal))
            {
                return last.Bytes;
            }

            var drawn = new RenderedGoodbye(text, Encoding.UTF8.GetBytes(text));
            Volatile.Write(ref _lastGoodbye, drawn);
            return drawn.Bytes;
        }
#pragma warning disable CA1031 // The stream ends either way.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.RendererFailed(_logger, ex);
            return _fallbackGoodbye;
        }
    }
}
