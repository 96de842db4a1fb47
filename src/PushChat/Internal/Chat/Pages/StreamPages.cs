using System;
using System.Text;
using System.Threading;
using PushChat.Internal.Chat.Sockets;
using PushChat.Internal.Chat.State;
using PushChat.Internal.Http;
using PushChat.Internal.Push;
using PushChat.Internal.WebSockets;
using PushChat.Localization;
using PushChat.Localization.Keys;

namespace PushChat.Internal.Chat.Pages;

/// <summary>
/// The routes whose answer is a push stream: the classic chat frame (<see cref="ChatRoutes.Chat"/>),
/// Server-Sent Events (<see cref="ChatRoutes.Events"/>) and the WebSocket (<see cref="ChatRoutes.WebSocket"/>). Each takes the session from
/// <c>?sid=</c> and its cookie, and an optional cursor to resume from.
/// </summary>
internal sealed class StreamPages
{
    private const string Sid = ChatRoutes.SessionParameter;
    private const string After = "after";

    private readonly PageContext _pages;
    private readonly SocketLogin _socketLogin;
    private readonly SocketCommands _socketCommands;

    public StreamPages(PageContext pages)
    {
        _pages = pages;
        _socketLogin = new SocketLogin(pages.Engine);
        _socketCommands = new SocketCommands(pages.Engine);
    }

    /// <summary>Starts the chat frame's stream on the connection; null, because the stream is the answer.</summary>
    public HttpResponse? OpenChat(HttpRequest request, IHttpConnection connection)
    {
        var query = FormDecoder.Decode(request.Query);
        if (!_pages.TryFindSession(request, PageContext.Field(query, Sid), out var session, out var refusal))
        {
            return refusal;
        }

        if (!PositionText.TryParseOptional(PageContext.Field(query, After), out var from))
        {
            return _pages.Error(session.Language, 400, LocalText.Of(ErrorPageTexts.StaleChatAddress), offerLogin: false);
        }

        if (request.IsHead)
        {
            return ChatResponses.Page(200, string.Empty);
        }

        var head = Encoding.UTF8.GetBytes(_pages.Renderer.RenderChatStart(_pages.PageOf(session)));
        var stream = connection.StartStream(ChatResponses.StreamHead(), request);
        if (!_pages.Engine.Streams.Open(session, stream, head, from))
        {
            // The session ended between the lookup and now.
            stream.EndStream(ReadOnlyMemory<byte>.Empty);
        }

        return null;
    }

    /// <summary>
    /// Starts a Server-Sent Events stream; it resumes after the cursor in <c>Last-Event-ID</c>
    /// (a reconnecting <c>EventSource</c>) or in <c>?after=</c> (a first connect).
    /// </summary>
    public HttpResponse? OpenEvents(HttpRequest request, IHttpConnection connection)
    {
        var query = FormDecoder.Decode(request.Query);
        if (!_pages.TryFindSession(request, PageContext.Field(query, Sid), out var session, out var refusal))
        {
            return refusal;
        }

        var lastEventId = request.Headers["Last-Event-ID"];
        if (!PositionText.TryParseOptional(string.IsNullOrEmpty(lastEventId) ? PageContext.Field(query, After) : lastEventId, out var from))
        {
            return ChatResponses.Text(400, "The position to resume from (Last-Event-ID or ?after=) is not one this chat gave out: it is epoch:seq,epoch:seq.\n");
        }

        if (request.IsHead)
        {
            return ChatResponses.EventStreamHead();
        }

        var stream = connection.StartStream(ChatResponses.EventStreamHead(), request);
        if (!_pages.Engine.Streams.OpenEvents(session, stream, from))
        {
            stream.EndStream(ReadOnlyMemory<byte>.Empty);
        }

        return null;
    }

    /// <summary>
    /// Upgrades to the WebSocket of the JSON protocol. With <c>?sid=</c> the session must be the
    /// cookie's (a browser), and the first message is <c>hello</c>; without, the client logs in
    /// with its first message (a bot). Null once upgraded: the socket is the answer.
    /// </summary>
    public HttpResponse? OpenWebSocket(HttpRequest request, IHttpConnection connection, CancellationToken stopping)
    {
        if (WebSocketUpgrade.Refusal(request) is { } refusal)
        {
            return refusal;
        }

        ChatSession? bound = null;
        var sid = PageContext.Field(FormDecoder.Decode(request.Query), Sid);
        if (sid.Length > 0 && !_pages.TryFindSession(request, sid, out bound, out var noSession))
        {
            return noSession;
        }

        var chat = new ChatSocket(_pages.Engine, _socketLogin, _socketCommands, connection.RemoteEndPoint, bound, _pages.LanguageOf(request), _pages.Logger, stopping);
        var socket = new WebSocketConnection(chat, _pages.Engine.Time, _pages.Logger);
        chat.Attach(socket);
        WebSocketUpgrade.Accept(request, connection, socket);
        return null;
    }
}
