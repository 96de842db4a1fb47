using PushChat.Internal.Chat.State;
using PushChat.Internal.Chat.Services;

namespace PushChat.Internal.Chat.Commands;

/// <summary>
/// Everything a user can ask of the chat, whatever carries the asking: the HTML pages today, a
/// JSON or event-stream protocol next. Commands take a session's id and plain values, never a
/// request, and return a <see cref="CommandOutcome{T}"/>; drawing the answer is the transport's.
/// </summary>
internal sealed class ChatCommands
{
    public ChatCommands(ChatEngine engine)
    {
        Accounts = new AccountCommands(engine);
        Talk = new TalkCommands(engine);
        Rooms = new RoomCommands(engine);
    }

    /// <summary>Log in, register, change the password, log out.</summary>
    public AccountCommands Accounts { get; }

    /// <summary>Say, whisper, act, and the talk box's line with its slash commands.</summary>
    public TalkCommands Talk { get; }

    /// <summary>Join or open a room, its topic, deleting lines, ignoring, colours.</summary>
    public RoomCommands Rooms { get; }

    /// <summary>Kick, ban, mute, op and the rest, as the moderation page asks them.</summary>
    public ModerationCommands Moderation => Talk.Moderation;
}
