using System;
using System.Text;
using Microsoft.Extensions.Logging;
using PushChat.Internal.Chat.State;
using PushChat.Internal.Infrastructure;
using PushChat.Internal.Push;
using PushChat.Rendering;

namespace PushChat.Internal.Chat.Services;

/// <summary>
/// Opens a session's chat stream on a transport: the page head, the history, then live lines.
/// Kept apart from the commands because it is the one place the chat builds a transport's
/// stream, where a new transport plugs in.
/// </summary>
internal sealed class StreamOpener
{
    private readonly ChatState _state;
    private readonly IPageRenderer _renderer;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly LogThrottle _readerFailureLog;
    private readonly byte[] _fallbackGoodbye = Array.Empty<byte>();

    public StreamOpener(ChatState state, IPageRenderer renderer, TimeProvider time, ILogger logger)
    {
        _state = state;
        _renderer = renderer;
        _time = time;
        _logger = logger;
        _readerFailureLog = new LogThrottle(time);
    }

    /// <summary>Opens the session's chat frame on this transport: head, history, then live lines; announces the first join.</summary>
    public bool Open(ChatSession session, IPushTransport transport, ReadOnlyMemory<byte> head) =>
        _state.OpenStream(session, () => new ForeverFrameStream(transport, session, head, Goodbye, _time.GetTimestamp(), _state.OnStreamClosed, error => ReaderFailed(session, error)));

    /// <summary>A delivery to the session's stream threw (the stream ends); logged a few times a minute at most.</summary>
    private void ReaderFailed(ChatSession session, Exception error)
    {
        if (_readerFailureLog.TryEnter(out var skipped))
        {
            Log.ReaderFailed(_logger, session.UserName, skipped, error);
        }
    }

    /// <summary>The chat frame's last bytes; a renderer that fails here cannot keep the stream open.</summary>
    private ReadOnlyMemory<byte> Goodbye()
    {
        try
        {
            return Encoding.UTF8.GetBytes(_renderer.RenderChatEnd());
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
