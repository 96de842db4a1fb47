using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using PushChat.Authentication;
using PushChat.Filtering;
using PushChat.Internal.Infrastructure;
using PushChat.Internal.Push;
using PushChat.Internal.Transport;
using PushChat.Rendering;

namespace PushChat.Internal.Chat;

/// <summary>
/// The chat's state and rules: sessions, rooms, joining, speaking, leaving and expiry. Session
/// state changes under one lock; lines are fanned out by the rooms.
/// </summary>
internal sealed class ChatEngine
{
    private readonly object _gate = new();
    private readonly Dictionary<string, ChatSession> _sessionsById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ChatSession> _sessionsByName = new(StringComparer.OrdinalIgnoreCase);
    private readonly ChatServerOptions _options;
    private readonly IAuthenticator _authenticator;
    private readonly IReadOnlyList<IMessageFilter> _filters;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IChatEvents _events;
    private readonly ChatRoom _lobby;
    private ChatUserInfo[]? _online;
    private long _onlineBuiltAt;

    public ChatEngine(ChatServerOptions options, IAuthenticator authenticator, IPageRenderer renderer, TimeProvider time, ILogger logger, IChatEvents events)
    {
        _options = options;
        _authenticator = authenticator;
        _filters = options.MessageFilters.ToArray();
        Renderer = renderer;
        _time = time;
        _logger = logger;
        _events = events;
        _lobby = new ChatRoom(options.DefaultRoom, options.HistoryLength, renderer, time, logger);
    }

    /// <summary>Raised after a chat stream's connection closed; lets tests know the server saw it.</summary>
    public event Action<ChatSession>? StreamClosed;

    public IPageRenderer Renderer { get; }

    public ChatServerOptions Options => _options;

    public DateTimeOffset Now => _time.GetUtcNow();

    public IReadOnlyList<ChatRoom> Rooms => new[] { _lobby };

    public async Task<ChatOutcome<ChatSession>> LoginAsync(string typedName, string password, IPEndPoint remote, CancellationToken cancellationToken)
    {
        var name = UserNameRules.Normalize(typedName);
        var nameError = UserNameRules.Check(name, _options.Limits.MaxUserNameLength);
        if (nameError is not null)
        {
            return ChatOutcome<ChatSession>.Refused(400, nameError);
        }

        AuthenticationResult result;
        try
        {
            result = await _authenticator.AuthenticateAsync(new AuthenticationContext(name, password, remote), cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Decision hooks fail closed.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.AuthenticatorFailed(_logger, ex);
            return ChatOutcome<ChatSession>.Refused(503, "Logging in is not possible right now. Please try again later.");
        }

        if (!result.Succeeded)
        {
            Log.LoginRefused(_logger, name, remote.Address);
            return ChatOutcome<ChatSession>.Refused(403, result.FailureReason ?? "Login refused.");
        }

        var color = ColorFor(result.UserName, result.Color);
        lock (_gate)
        {
            if (_sessionsByName.ContainsKey(result.UserName))
            {
                return ChatOutcome<ChatSession>.Refused(409, $"{result.UserName} is already in the chat. Pick another name, or leave the other session first.");
            }

            if (_sessionsById.Count >= _options.Limits.MaxSessions)
            {
                return ChatOutcome<ChatSession>.Refused(503, "The chat is full. Please try again later.");
            }

            var session = new ChatSession(SessionIds.New(), result.UserName, result.Role, color, _lobby, remote.Address, Now);
            _sessionsById.Add(session.Id, session);
            _sessionsByName.Add(session.UserName, session);
            ChatMetrics.Sessions.Add(1);
            return ChatOutcome<ChatSession>.Done(session);
        }
    }

    public ChatSession? Find(string? sessionId)
    {
        if (string.IsNullOrEmpty(sessionId))
        {
            return null;
        }

        lock (_gate)
        {
            return _sessionsById.TryGetValue(sessionId!, out var session) ? session : null;
        }
    }

    /// <summary>Records a sign of life (names refresh, talk frame, a line).</summary>
    public void Touch(ChatSession session)
    {
        lock (_gate)
        {
            session.LastSeen = Now;
        }
    }

    /// <summary>Opens the session's chat frame on this connection: history, then live lines; announces the first join.</summary>
    public bool OpenStream(ChatSession session, HttpConnection connection, ReadOnlyMemory<byte> head)
    {
        ChatStream? replaced;
        ChatStream stream;
        bool firstJoin;
        lock (_gate)
        {
            if (session.Ended)
            {
                return false;
            }

            replaced = session.Stream;
            stream = new ChatStream(connection, session, _time.GetTimestamp(), OnStreamClosed);
            session.Stream = stream;
            session.StreamClosedAt = null;
            session.LastSeen = Now;
            firstJoin = session.JoinedAt is null;
            session.JoinedAt ??= Now;
            _online = null;
        }

        if (replaced is not null)
        {
            // The same session opened its chat again (a reload): the old frame is gone.
            session.Room.Detach(replaced);
            replaced.End(ReadOnlyMemory<byte>.Empty);
        }

        connection.SetPushOwner(stream);
        session.Room.Attach(stream, head);
        if (firstJoin)
        {
            Log.UserJoined(_logger, session.UserName, session.Room.Name);
            session.Room.Publish(ChatMessageKind.System, null, null, $"{session.UserName} joined.");
            _events.UserJoined(session.ToInfo());
        }

        return true;
    }

    public async Task<ChatOutcome<ChatMessage>> SayAsync(ChatSession session, string typed, CancellationToken cancellationToken)
    {
        var text = typed.Trim();
        if (text.Length == 0)
        {
            return ChatOutcome<ChatMessage>.Refused(422, "Type a message first.");
        }

        if (text.Length > _options.Limits.MaxMessageLength)
        {
            return ChatOutcome<ChatMessage>.Refused(413, $"A message can be at most {_options.Limits.MaxMessageLength} characters long.");
        }

        if (session.JoinedAt is null)
        {
            return ChatOutcome<ChatMessage>.Refused(409, "Your chat window is not open yet; wait a moment and send it again.");
        }

        Touch(session);
        foreach (var filter in _filters)
        {
            MessageFilterResult verdict;
            try
            {
                var context = new MessageFilterContext(session.UserName, session.Role, session.Room.Name, text, session.RemoteAddress, Now);
                verdict = await filter.FilterAsync(context, cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Decision hooks fail closed.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.FilterFailed(_logger, filter.GetType().Name, ex);
                return ChatOutcome<ChatMessage>.Refused(503, "Your message could not be checked right now. Please send it again.");
            }

            if (!verdict.IsAllowed)
            {
                return ChatOutcome<ChatMessage>.Refused(verdict.StatusCode, verdict.RejectionReason ?? "Your message was not accepted.");
            }

            text = verdict.Text ?? text;
        }

        if (session.Ended)
        {
            return ChatOutcome<ChatMessage>.Refused(404, "Your session has ended.");
        }

        var message = session.Room.Publish(ChatMessageKind.Public, session.UserName, session.Color, text);
        Log.MessagePosted(_logger, session.UserName, session.Room.Name, text.Length);
        _events.MessagePosted(message);
        return ChatOutcome<ChatMessage>.Done(message);
    }

    public ChatMessage PostNotice(string text)
    {
        var message = _lobby.Publish(ChatMessageKind.System, null, null, text);
        _events.MessagePosted(message);
        return message;
    }

    public void Leave(ChatSession session, ChatLeaveReason reason) => End(session, reason, announce: true);

    /// <summary>
    /// Who is online, by name. Every names frame asks for it every few seconds, so the sorted list
    /// is kept for up to a second, or until someone joins or leaves.
    /// </summary>
    public IReadOnlyList<ChatUserInfo> OnlineUsers()
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            if (_online is null || now - _onlineBuiltAt >= _time.TimestampFrequency)
            {
                _online = _sessionsById.Values.Where(s => s.JoinedAt is not null)
                    .OrderBy(s => s.UserName, StringComparer.InvariantCultureIgnoreCase)
                    .Select(s => s.ToInfo())
                    .ToArray();
                _onlineBuiltAt = now;
            }

            return _online;
        }
    }

    /// <summary>Housekeeping, once a second: keep-alives, sessions that never opened, lost streams, idle sessions.</summary>
    public void Sweep()
    {
        var now = Now;
        var timestamp = _time.GetTimestamp();
        var keepAliveTicks = (long)(_options.KeepAliveInterval.TotalSeconds * _time.TimestampFrequency);
        var leaving = new List<(ChatSession Session, ChatLeaveReason Reason)>();
        var keepAlive = new List<ChatStream>();
        lock (_gate)
        {
            foreach (var session in _sessionsById.Values)
            {
                if (session.JoinedAt is null && now - session.CreatedAt >= _options.StreamOpenTimeout)
                {
                    leaving.Add((session, ChatLeaveReason.TimedOut));
                }
                else if (session.Stream is null && session.StreamClosedAt is { } closedAt && now - closedAt >= _options.LeaveGracePeriod)
                {
                    leaving.Add((session, ChatLeaveReason.Disconnected));
                }
                else if (now - session.LastSeen >= _options.SessionIdleTimeout)
                {
                    leaving.Add((session, ChatLeaveReason.TimedOut));
                }
                else if (session.Stream is { } stream && timestamp - stream.LastWrite >= keepAliveTicks)
                {
                    keepAlive.Add(stream);
                }
            }
        }

        var writers = new DrainBatch();
        foreach (var stream in keepAlive)
        {
            stream.KeepAlive(timestamp, writers);
        }

        writers.Schedule();

        foreach (var (session, reason) in leaving)
        {
            Leave(session, reason);
        }
    }

    /// <summary>Tells every room the server stops and ends every session.</summary>
    public void Shutdown()
    {
        _lobby.Publish(ChatMessageKind.System, null, null, "The chat server is shutting down. Goodbye!");
        ChatSession[] sessions;
        lock (_gate)
        {
            sessions = _sessionsById.Values.ToArray();
        }

        foreach (var session in sessions)
        {
            End(session, ChatLeaveReason.ServerStopped, announce: false);
        }
    }

    private void End(ChatSession session, ChatLeaveReason reason, bool announce)
    {
        ChatStream? stream;
        lock (_gate)
        {
            if (session.Ended)
            {
                return;
            }

            session.Ended = true;
            _sessionsById.Remove(session.Id);
            _online = null;
            _sessionsByName.Remove(session.UserName);
            stream = session.Stream;
            session.Stream = null;
        }

        ChatMetrics.Sessions.Add(-1);
        if (session.JoinedAt is not null)
        {
            Log.UserLeft(_logger, session.UserName, session.Room.Name, reason);
            if (announce)
            {
                session.Room.Publish(ChatMessageKind.System, null, null, LeaveNotice(session.UserName, reason));
            }

            _events.UserLeft(session.ToInfo(), reason);
        }

        if (stream is not null)
        {
            session.Room.Detach(stream);
            stream.End(Encoding.UTF8.GetBytes(Renderer.RenderChatEnd()));
        }
    }

    private void OnStreamClosed(ChatStream stream)
    {
        var session = stream.Session;
        session.Room.Detach(stream);
        lock (_gate)
        {
            if (session.Stream == stream)
            {
                session.Stream = null;
                session.StreamClosedAt = Now;
            }
        }

        StreamClosed?.Invoke(session);
    }

    private static string LeaveNotice(string name, ChatLeaveReason reason) => reason switch
    {
        ChatLeaveReason.Disconnected => $"{name} left (connection lost).",
        ChatLeaveReason.TimedOut => $"{name} left (timed out).",
        _ => $"{name} left.",
    };

    private static string ColorFor(string name, string? requested)
    {
        if (requested is not null && ColorPalette.IsValid(requested))
        {
            return requested.ToLowerInvariant();
        }

        return ColorPalette.ForName(name);
    }
}
