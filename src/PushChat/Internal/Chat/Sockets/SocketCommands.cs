using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PushChat.Internal.Chat.Commands;
using PushChat.Internal.Chat.Services;
using PushChat.Internal.Chat.State;
using PushChat.Internal.Push;
using PushChat.Localization;
using PushChat.Localization.Keys;

namespace PushChat.Internal.Chat.Sockets;

/// <summary>
/// Runs the messages of a logged-in WebSocket connection against the chat's commands
/// (<see cref="ChatEngine.Commands"/>) and gives the answer to send: <c>ok</c>, the command's
/// refusal as an <c>error</c>, or <c>presence</c> for <c>who</c>. Holds nothing of a connection, so
/// one instance serves every connection of a server at once; a connection runs its own messages
/// one at a time, in the order they came.
/// </summary>
internal sealed class SocketCommands
{
    private readonly ChatEngine _engine;

    public SocketCommands(ChatEngine engine) => _engine = engine;

    /// <summary>Reads one text message of the connection of <paramref name="sessionId"/> and runs it.</summary>
    public async Task<SocketReply> RunAsync(string sessionId, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var read = ClientMessageReader.Read(message);
        return read.Message is { } readMessage
            ? await RunAsync(sessionId, readMessage, cancellationToken).ConfigureAwait(false)
            : Answer(SocketAnswers.Error(read.Id, read.Refusal!, LanguageOf(sessionId)));
    }

    private async Task<SocketReply> RunAsync(string sessionId, ClientMessage message, CancellationToken cancellationToken)
    {
        if (message.IsFirst)
        {
            return Refused(message, new CommandRefusal(RefusalCodes.Conflict, 409, LocalText.Of(SocketTexts.LoggedInAlready)), LanguageOf(sessionId));
        }

        if (_engine.Node is { } node)
        {
            // As before a form: what other nodes did a moment ago is applied here first.
            await node.Bus.CatchUpAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_engine.Sessions.Find(sessionId) is not { Ended: false } session)
        {
            return Refused(message, CommandOutcome<string>.SessionEnded().Refusal!, LanguageOf(sessionId));
        }

        _engine.Sessions.Touch(session);
        var commands = _engine.Commands;
        var refusal = message.Type switch
        {
            ClientMessageType.Say => (await commands.Talk.SayAsync(sessionId, message.Text!, cancellationToken).ConfigureAwait(false)).Refusal,
            ClientMessageType.Whisper => (await commands.Talk.WhisperAsync(sessionId, message.To!, message.Text!, cancellationToken).ConfigureAwait(false)).Refusal,
            ClientMessageType.Act => (await commands.Talk.ActAsync(sessionId, message.Text!, cancellationToken).ConfigureAwait(false)).Refusal,
            ClientMessageType.Command => (await commands.Talk.RunAsync(sessionId, TalkLine(message.Text!), cancellationToken).ConfigureAwait(false)).Refusal,
            ClientMessageType.Join => (await commands.Rooms.JoinAsync(sessionId, message.Room!, cancellationToken).ConfigureAwait(false)).Refusal,
            ClientMessageType.Delete => await DeleteAsync(session, message.Position, cancellationToken).ConfigureAwait(false),
            ClientMessageType.Ignore => (await commands.Rooms.IgnoreAsync(sessionId, message.User!, message.Ignore, cancellationToken).ConfigureAwait(false)).Refusal,
            ClientMessageType.Color => (await commands.Rooms.SetColorAsync(sessionId, message.Color!, cancellationToken).ConfigureAwait(false)).Refusal,
            ClientMessageType.Who => _engine.Sessions.TakeQueryBudget(session) is { } spent ? new CommandRefusal(RefusalCodes.ForStatus(spent.StatusCode), spent.StatusCode, spent.Refusal ?? LocalText.Of(SocketTexts.WaitAMoment)) : null,
            // The socket logs out once the answer is on its way: the logout ends the stream and its connection.
            ClientMessageType.Leave => null,
            _ => throw new ArgumentOutOfRangeException(nameof(message), message.Type, "Not a message of a logged-in connection."),
        };

        if (refusal is not null)
        {
            return Refused(message, refusal, session.Language);
        }

        return message.Type switch
        {
            ClientMessageType.Who => Answer(Presence(session, message.Id)),
            ClientMessageType.Leave => new SocketReply(SocketAnswers.Ok(message.Id), leaves: true),
            _ => Answer(SocketAnswers.Ok(message.Id)),
        };
    }

    /// <summary>Deletes a line of the session's room, named by its position in the room's log: a position from another life of the log deletes nothing.</summary>
    private async ValueTask<CommandRefusal?> DeleteAsync(ChatSession session, string? position, CancellationToken cancellationToken) =>
        PositionText.TryParse(position, out LogPosition at)
            ? (await _engine.Commands.Rooms.DeleteLineAsync(session.Id, session.Room.Name, at.Sequence, at.Epoch, cancellationToken).ConfigureAwait(false)).Refusal
            : new CommandRefusal(RefusalCodes.Invalid, 400, LocalText.Of(SocketTexts.BadPosition));

    /// <summary>Who is in the session's room, as the names frame shows them: everyone who joined, by name.</summary>
    private byte[] Presence(ChatSession session, MessageId id)
    {
        var room = session.Room;
        var users = _engine.Online.Users().Where(u => u.Room == room.Name).ToList();
        return SocketAnswers.Presence(room.Name, users, users.Count, _engine.Now, id, room.OwnerNames);
    }

    /// <summary>A line typed into the talk box, with none of its pickers used.</summary>
    private static TalkRequest TalkLine(string text) => new(text, To: string.Empty, Private: false, Action: string.Empty, Color: string.Empty);

    /// <summary>The language of the connection's session, whose errors are worded in it; the default once the session is gone.</summary>
    private ChatLanguage LanguageOf(string sessionId) => _engine.Sessions.Find(sessionId)?.Language ?? _engine.State.Languages.Default;

    private static SocketReply Refused(ClientMessage message, CommandRefusal refusal, ChatLanguage language) => Answer(SocketAnswers.Error(message.Id, refusal, language));

    private static SocketReply Answer(byte[] answer) => new(answer, leaves: false);
}
