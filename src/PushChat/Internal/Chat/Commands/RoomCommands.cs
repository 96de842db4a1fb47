using System.Threading;
using System.Threading.Tasks;
using PushChat.Internal.Chat.State;
using PushChat.Internal.Chat.Services;

namespace PushChat.Internal.Chat.Commands;

/// <summary>
/// The commands a session gives about where it is and what it sees: joining (or opening) a room,
/// its topic, deleting a line there, ignoring a user, its colour. Each takes the session's id and
/// plain values and returns an outcome; who may do what is decided when the change is applied.
/// </summary>
internal sealed class RoomCommands
{
    private readonly ChatEngine _engine;

    public RoomCommands(ChatEngine engine) => _engine = engine;

    /// <summary>Moves the session to that room, opening it when there is none and users may open rooms; done with the room.</summary>
    public async ValueTask<CommandOutcome<ChatRoom>> JoinAsync(string sessionId, string room, CancellationToken cancellationToken = default) =>
        _engine.Sessions.Find(sessionId) is { } session
            ? CommandOutcome<ChatRoom>.From(await _engine.Rooms.JoinAsync(session, room, cancellationToken).ConfigureAwait(false))
            : CommandOutcome<ChatRoom>.SessionEnded();

    /// <summary>The same, blocking until the session has moved; the in-process tests drive the commands with it.</summary>
    public CommandOutcome<ChatRoom> Join(string sessionId, string room) =>
        _engine.Sessions.Find(sessionId) is { } session
            ? CommandOutcome<ChatRoom>.From(_engine.Rooms.Join(session, room))
            : CommandOutcome<ChatRoom>.SessionEnded();

    /// <summary>Sets (or, with an empty text, clears) the topic of the session's room; done with the notice that tells the room.</summary>
    public async ValueTask<CommandOutcome<ChatMessage>> SetTopicAsync(string sessionId, string topic, CancellationToken cancellationToken = default) =>
        _engine.Sessions.Find(sessionId) is { } session
            ? CommandOutcome<ChatMessage>.From(await _engine.Rooms.SetTopicAsync(session, topic, cancellationToken).ConfigureAwait(false))
            : CommandOutcome<ChatMessage>.SessionEnded();

    /// <summary>
    /// Deletes the line numbered <paramref name="sequence"/> in that room, in the life of the room
    /// whose log has <paramref name="epoch"/> when given; done with the room's name.
    /// </summary>
    public async ValueTask<CommandOutcome<string>> DeleteLineAsync(string sessionId, string room, long sequence, long? epoch = null, CancellationToken cancellationToken = default) =>
        _engine.Sessions.Find(sessionId) is { } session
            ? CommandOutcome<string>.From(await _engine.ServerLines.DeleteLineAsync(session, room, sequence, epoch, cancellationToken).ConfigureAwait(false), room)
            : CommandOutcome<string>.SessionEnded();

    /// <summary>Starts (or stops) ignoring a user; done with the user's name as the chat spells it.</summary>
    public async ValueTask<CommandOutcome<string>> IgnoreAsync(string sessionId, string userName, bool ignore, CancellationToken cancellationToken = default) =>
        _engine.Sessions.Find(sessionId) is { } session
            ? CommandOutcome<string>.From(await _engine.Sessions.SetIgnoredAsync(session, userName, ignore, cancellationToken).ConfigureAwait(false))
            : CommandOutcome<string>.SessionEnded();

    /// <summary>Sets the session's colour, a palette name or #rrggbb; done with the colour.</summary>
    public async ValueTask<CommandOutcome<string>> SetColorAsync(string sessionId, string color, CancellationToken cancellationToken = default) =>
        _engine.Sessions.Find(sessionId) is { } session
            ? CommandOutcome<string>.From(await _engine.Sessions.SetColorAsync(session, color, cancellationToken).ConfigureAwait(false))
            : CommandOutcome<string>.SessionEnded();

    /// <summary>The same, blocking until the colour is set; the in-process tests drive the commands with it.</summary>
    public CommandOutcome<string> SetColor(string sessionId, string color) =>
        _engine.Sessions.Find(sessionId) is { } session
            ? CommandOutcome<string>.From(_engine.Sessions.SetColor(session, color))
            : CommandOutcome<string>.SessionEnded();
}
