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
    public CommandOutcome<ChatRoom> Join(string sessionId, string room) =>
        _engine.Sessions.Find(sessionId) is { } session
            ? CommandOutcome<ChatRoom>.From(_engine.Rooms.Join(session, room))
            : CommandOutcome<ChatRoom>.SessionEnded();

    /// <summary>Sets (or, with an empty text, clears) the topic of the session's room; done with the notice that tells the room.</summary>
    public CommandOutcome<ChatMessage> SetTopic(string sessionId, string topic) =>
        _engine.Sessions.Find(sessionId) is { } session
            ? CommandOutcome<ChatMessage>.From(_engine.Rooms.SetTopic(session, topic))
            : CommandOutcome<ChatMessage>.SessionEnded();

    /// <summary>
    /// Deletes the line numbered <paramref name="sequence"/> in that room, in the life of the room
    /// whose log has <paramref name="epoch"/> when given; done with the room's name.
    /// </summary>
    public CommandOutcome<string> DeleteLine(string sessionId, string room, long sequence, long? epoch = null) =>
        _engine.Sessions.Find(sessionId) is { } session
            ? CommandOutcome<string>.From(_engine.ServerLines.DeleteLine(session, room, sequence, epoch), room)
            : CommandOutcome<string>.SessionEnded();

    /// <summary>Starts (or stops) ignoring a user; done with the user's name as the chat spells it.</summary>
    public CommandOutcome<string> Ignore(string sessionId, string userName, bool ignore) =>
        _engine.Sessions.Find(sessionId) is { } session
            ? CommandOutcome<string>.From(_engine.Sessions.SetIgnored(session, userName, ignore))
            : CommandOutcome<string>.SessionEnded();

    /// <summary>Sets the session's colour, a palette name or #rrggbb; done with the colour.</summary>
    public CommandOutcome<string> SetColor(string sessionId, string color) =>
        _engine.Sessions.Find(sessionId) is { } session
            ? CommandOutcome<string>.From(_engine.Sessions.SetColor(session, color))
            : CommandOutcome<string>.SessionEnded();
}
