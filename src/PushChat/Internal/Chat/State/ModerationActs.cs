using System;
using PushChat.Internal.Chat.Changes;
using PushChat.Localization;

namespace PushChat.Internal.Chat.State;

/// <summary>
/// What <see cref="Moderation"/> asks of the other parts of <see cref="ChatState"/>, under the same
/// lock: end, tell, move, post, close. Delegates, because those parts ask moderation about bans and
/// mutes in turn and so are built after it.
/// </summary>
internal sealed class ModerationActs
{
    public ModerationActs(
        Func<SessionEnded, AfterChange, ChangeResult> end,
        Func<ChatSession, LocalText, ChatMessage> tell,
        Func<SessionMoved, AfterChange, ChangeResult> move,
        Func<LinePosted, AfterChange, ChangeResult> post,
        Func<RoomClosed, AfterChange, ChangeResult> closeRoom,
        Action membershipChanged)
    {
        End = end;
        Tell = tell;
        Move = move;
        Post = post;
        CloseRoom = closeRoom;
        MembershipChanged = membershipChanged;
    }

    public Func<SessionEnded, AfterChange, ChangeResult> End { get; }

    /// <summary>A notice on the session's open stream only.</summary>
    public Func<ChatSession, LocalText, ChatMessage> Tell { get; }

    public Func<SessionMoved, AfterChange, ChangeResult> Move { get; }

    public Func<LinePosted, AfterChange, ChangeResult> Post { get; }

    public Func<RoomClosed, AfterChange, ChangeResult> CloseRoom { get; }

    public Action MembershipChanged { get; }
}
