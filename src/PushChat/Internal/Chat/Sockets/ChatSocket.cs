using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using PushChat.Internal.Chat.Services;
using PushChat.Internal.Chat.State;
using PushChat.Internal.Infrastructure;
using PushChat.Internal.Push;
using PushChat.Internal.WebSockets;
using PushChat.Localization;
using PushChat.Localization.Keys;

namespace PushChat.Internal.Chat.Sockets;

/// <summary>
/// One WebSocket client of the chat: its first message logs it in (<see cref="SocketLogin"/>),
/// which opens its item stream; every later message runs a command (<see cref="SocketCommands"/>)
/// and is answered. Messages run one at a time, in order, off the receive loop (a login waits for
/// a password check); a client that piles up more than a few unanswered messages is closed.
/// </summary>
internal sealed class ChatSocket : IWebSocketHandler
{
    private const int MaxWaitingMessages = 32;

    private readonly ChatEngine _engine;
    private readonly SocketLogin _login;
    private readonly SocketCommands _commands;
    private readonly IPEndPoint _client;
    private readonly ChatSession? _bound;
    private readonly ChatLanguage _language;
    private readonly CancellationToken _stopping;
    private readonly ILogger _logger;
    private readonly Queue<ReadOnlyMemory<byte>> _waiting = new();
    private WebSocketConnection? _socket;
    private ChatSession? _session;
    private bool _running;
    private bool _closed;

    /// <param name="engine">The chat.</param>
    /// <param name="login">Runs first messages.</param>
    /// <param name="commands">Runs every later message.</param>
    /// <param name="client">The client's address, for login budgets.</param>
    /// <param name="bound">The session the upgrade proved by its cookie, or null for a client that logs in.</param>
    /// <param name="language">The upgrade request's language (cookie or Accept-Language), for errors before a login.</param>
    /// <param name="logger">Where failures are logged.</param>
    /// <param name="stopping">Cancelled when the server stops.</param>
    public ChatSocket(ChatEngine engine, SocketLogin login, SocketCommands commands, IPEndPoint client, ChatSession? bound, ChatLanguage language, ILogger logger, CancellationToken stopping)
    {
        _language = language;
        _engine = engine;
        _login = login;
        _commands = commands;
        _client = client;
        _bound = bound;
        _logger = logger;
        _stopping = stopping;
    }

    /// <summary>Gives the connection this handler answers through; called once, before any message.</summary>
    public void Attach(WebSocketConnection socket) => _socket = socket;

    public void OnText(ReadOnlyMemory<byte> utf8)
    {
        bool start;
        bool overflow;
        lock (_waiting)
        {
            if (_closed)
            {
                return;
            }

            if (_waiting.Count >= MaxWaitingMessages)
            {
                _closed = true;
                _waiting.Clear();
            }
            else
            {
                _waiting.Enqueue(utf8);
            }

            overflow = _closed;
            start = !_closed && !_running;
            _running |= start;
        }

        if (overflow)
        {
            Socket.Close(WebSocketCloseCode.PolicyViolation, "Too many messages waiting for an answer.");
        }
        else if (start)
        {
            _ = Task.Run(RunWaitingAsync);
        }
    }

    public void OnClosed()
    {
        lock (_waiting)
        {
            _closed = true;
            _waiting.Clear();
        }
    }

    private WebSocketConnection Socket => _socket ?? throw new InvalidOperationException("The socket is not attached.");

    private async Task RunWaitingAsync()
    {
        while (true)
        {
            ReadOnlyMemory<byte> message;
            lock (_waiting)
            {
                if (_closed || _waiting.Count == 0)
                {
                    _running = false;
                    return;
                }

                message = _waiting.Dequeue();
            }

            try
            {
                await RunAsync(message).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                Socket.Close(WebSocketCloseCode.GoingAway, "The server is stopping.");
            }
#pragma warning disable CA1031 // One client's failure closes that client only.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.WebSocketHandlerFailed(_logger, ex);
                Socket.Close(WebSocketCloseCode.InternalError, "The server failed.");
            }
        }
    }

    private async Task RunAsync(ReadOnlyMemory<byte> message)
    {
        if (_session is { } session)
        {
            var reply = await _commands.RunAsync(session.Id, message, _stopping).ConfigureAwait(false);
            Socket.SendText(reply.Answer);
            if (reply.Leaves)
            {
                // After the answer: the logout ends the stream, whose goodbye closes the connection on
                // the fan-out thread; the close is queued there too, behind that goodbye, for a socket
                // whose stream was gone already.
                await _engine.Commands.Accounts.LogOutAsync(session.Id, _stopping).ConfigureAwait(false);
                _engine.State.AfterFanOut(() => Socket.Close(WebSocketCloseCode.Normal, ByeReasons.Left));
            }

            return;
        }

        var login = await _login.StartAsync(message, _client, _bound, _language, _stopping).ConfigureAwait(false);
        Socket.SendText(login.Answer);
        if (login.Session is not { } started)
        {
            Socket.Close(WebSocketCloseCode.PolicyViolation, "Not logged in.");
            return;
        }

        if (!PositionText.TryParseOptional(login.After, out var from))
        {
            Socket.SendText(SocketAnswers.Error(MessageId.None, new Commands.CommandRefusal(Commands.RefusalCodes.Invalid, 400, LocalText.Of(SocketTexts.BadCursor)), started.Language));
            Socket.Close(WebSocketCloseCode.PolicyViolation, "Bad cursor.");
            return;
        }

        _session = started;
        if (!_engine.Streams.OpenWebSocket(started, Socket.Transport, from, CloseFor))
        {
            Socket.Close(WebSocketCloseCode.PolicyViolation, ByeReasons.Ended);
        }
    }

    /// <summary>The items stream ended: the connection closes with the code its reason calls for.</summary>
    private void CloseFor(string reason) => Socket.Close(reason switch
    {
        ByeReasons.Left => WebSocketCloseCode.Normal,
        ByeReasons.Shutdown => WebSocketCloseCode.GoingAway,
        "" => WebSocketCloseCode.InternalError,
        _ => WebSocketCloseCode.PolicyViolation,
    }, reason);
}
