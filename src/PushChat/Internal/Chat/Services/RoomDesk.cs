using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Chat.State;
using PushChat.Localization;
using PushChat.Localization.Keys;

namespace PushChat.Internal.Chat.Services;

/// <summary>
/// Rooms as users and the host change them: joining (and so opening) a room, its topic, and the
/// host's own rooms. Who may do what is decided when the change is applied; this checks names
/// and lengths first, so a change that cannot be right never reaches the state.
/// </summary>
internal sealed class RoomDesk
{
    private readonly ChatServerOptions _options;
    private readonly ChatState _state;
    private readonly IChatChangeBus _bus;
    private readonly SessionDesk _sessions;

    public RoomDesk(ChatServerOptions options, ChatState state, IChatChangeBus bus, SessionDesk sessions)
    {
        _options = options;
        _state = state;
        _bus = bus;
        _sessions = sessions;
    }

    /// <summary>Every room with its occupancy, topic and owner, the default room first.</summary>
    public IReadOnlyList<ChatRoomInfo> List() => _state.Rooms.All().Select(r => r.ToInfo()).ToArray();

    /// <summary>
    /// Moves the session to the room of that name (any case), opening it, owned by the session's
    /// user, when there is none and users may open rooms. The chat stream follows.
    /// </summary>
    public async ValueTask<ChatOutcome<ChatRoom>> JoinAsync(ChatSession session, string roomName, CancellationToken cancellationToken = default)
    {
        var name = RoomNameRules.Normalize(roomName);
        var room = _state.Rooms.Find(name);
        if (room is null)
        {
            if (OpeningRefusal(name) is { } refused)
            {
                return refused;
            }

            var created = await _bus.SubmitAsync(Opening(session, name), cancellationToken).ConfigureAwait(false);
            room = _state.Rooms.Find(name);
            if (created.IsRefused && room is null)
            {
                return ChatOutcome<ChatRoom>.Refused(created.StatusCode, created.Refusal!);
            }
        }

        _sessions.Touch(session);
        return Moved(await _bus.SubmitAsync(new SessionMoved(session.Id, room!.Name), cancellationToken).ConfigureAwait(false), room);
    }

    /// <summary>The same, blocking until the session has moved; the in-process tests drive the desk with it.</summary>
    public ChatOutcome<ChatRoom> Join(ChatSession session, string roomName)
    {
        var name = RoomNameRules.Normalize(roomName);
        var room = _state.Rooms.Find(name);
        if (room is null)
        {
            if (OpeningRefusal(name) is { } refused)
            {
                return refused;
            }

            var created = _bus.Submit(Opening(session, name));
            room = _state.Rooms.Find(name);
            if (created.IsRefused && room is null)
            {
                return ChatOutcome<ChatRoom>.Refused(created.StatusCode, created.Refusal!);
            }
        }

        _sessions.Touch(session);
        return Moved(_bus.Submit(new SessionMoved(session.Id, room!.Name)), room);
    }

    /// <summary>Sets the topic of the session's room; who may is decided when the change is applied.</summary>
    public async ValueTask<ChatOutcome<ChatMessage>> SetTopicAsync(ChatSession session, string topic, CancellationToken cancellationToken = default) =>
        TopicChange(session, topic, out var change) ?? TopicOutcome(await _bus.SubmitAsync(change!, cancellationToken).ConfigureAwait(false));

    /// <summary>The same, blocking until the topic is set; the in-process tests drive the desk with it.</summary>
    public ChatOutcome<ChatMessage> SetTopic(ChatSession session, string topic) =>
        TopicChange(session, topic, out var change) ?? TopicOutcome(_bus.Submit(change!));

    // The host's calls below are synchronous (ChatServer), so they block until the change is applied.

    /// <summary>Sets a room's topic for the host.</summary>
    public ChangeResult SetTopic(string roomName, string topic) =>
        TopicError(topic) is { } error
            ? ChangeResult.Refused(error.StatusCode, error.Message)
            : _bus.Submit(new TopicChanged(RoomNameRules.Normalize(roomName), topic.Trim(), ChangedBy: null));

    /// <summary>Opens a room of the host: no owner, and it stays when empty.</summary>
    public ChatOutcome<ChatRoom> Create(string roomName, string? topic)
    {
        var name = RoomNameRules.Normalize(roomName);
        if (RoomNameRules.Check(name) is { } error)
        {
            return ChatOutcome<ChatRoom>.Refused(400, error);
        }

        if (topic is not null && TopicError(topic) is { } topicError)
        {
            return ChatOutcome<ChatRoom>.Refused(topicError.StatusCode, topicError.Message);
        }

        var created = _bus.Submit(new RoomCreated(name, Owner: null, topic?.Trim(), Permanent: true));
        return created.IsRefused || _state.Rooms.Find(name) is not { } room
            ? ChatOutcome<ChatRoom>.Refused(created.IsRefused ? created.StatusCode : 404, created.Refusal ?? LocalText.Of(ServiceTexts.RoomClosedAgain, ("name", name)))
            : ChatOutcome<ChatRoom>.Done(room);
    }

    public ChangeResult Close(string roomName) => _bus.Submit(new RoomClosed(RoomNameRules.Normalize(roomName)));

    private (int StatusCode, LocalText Message)? TopicError(string topic) =>
        topic.Trim().Length > _options.Limits.MaxMessageLength
            ? (413, LocalText.Of(ServiceTexts.TopicTooLong, ("count", _options.Limits.MaxMessageLength)))
            : null;

    /// <summary>Why a session may not open a room of that name, or null when it may ask to.</summary>
    private ChatOutcome<ChatRoom>? OpeningRefusal(string name) =>
        RoomNameRules.Check(name) is { } error ? ChatOutcome<ChatRoom>.Refused(400, error)
        : !_options.AllowUserRooms ? ChatOutcome<ChatRoom>.Refused(403, LocalText.Of(ServiceTexts.NoSuchRoomServerOpens, ("name", name)))
        : null;

    private static RoomCreated Opening(ChatSession session, string name) =>
        new(name, session.UserName, Topic: null, Permanent: false, BySessionId: session.Id);

    private static ChatOutcome<ChatRoom> Moved(ChangeResult moved, ChatRoom room) =>
        moved.IsRefused ? ChatOutcome<ChatRoom>.Refused(moved.StatusCode, moved.Refusal!) : ChatOutcome<ChatRoom>.Done(room);

    /// <summary>The refusal of a topic that cannot be right; otherwise null, with the change to submit (the session shows a sign of life).</summary>
    private ChatOutcome<ChatMessage>? TopicChange(ChatSession session, string topic, out TopicChanged? change)
    {
        change = null;
        var room = session.Room;
        if (TopicError(topic) is { } error)
        {
            return ChatOutcome<ChatMessage>.Refused(error.StatusCode, error.Message);
        }

        _sessions.Touch(session);
        change = new TopicChanged(room.Name, topic.Trim(), session.UserName, session.Id);
        return null;
    }

    private static ChatOutcome<ChatMessage> TopicOutcome(ChangeResult posted) =>
        posted.Line is { } line ? ChatOutcome<ChatMessage>.Done(line) : ChatOutcome<ChatMessage>.Refused(posted.StatusCode, posted.Refusal ?? LocalText.Of(ServiceTexts.RoomClosed));
}
