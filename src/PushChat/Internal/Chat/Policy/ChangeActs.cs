using PushChat.Internal.Chat.Changes;

namespace PushChat.Internal.Chat.Policy;

/// <summary>Which act of <see cref="ChatPolicy"/> a user's change is, and whose session does it; null for changes of the host or of the server itself.</summary>
internal static class ChangeActs
{
    public static (ChatAct Act, string SessionId)? Of(ChatChange change) => change switch
    {
        SessionMoved moved => (ChatAct.Join, moved.SessionId),
        RoomCreated { BySessionId: { } id } => (ChatAct.CreateRoom, id),
        ColorChanged color => (ChatAct.Color, color.SessionId),
        IgnoreChanged ignore => (ChatAct.Ignore, ignore.SessionId),
        TopicChanged { BySessionId: { } id } => (ChatAct.Topic, id),
        LineDeleted { BySessionId: { } id } => (ChatAct.DeleteLine, id),
        UserKicked { BySessionId: { } id } => (ChatAct.Kick, id),
        UserBanned { BySessionId: { } id } ban => (ban.ByAddress ? ChatAct.BanAddress : ChatAct.Ban, id),
        BanLifted { BySessionId: { } id } => (ChatAct.Unban, id),
        UserMuted { BySessionId: { } id } => (ChatAct.Mute, id),
        MuteLifted { BySessionId: { } id } => (ChatAct.Unmute, id),
        AddressLookedUp { BySessionId: { } id } => (ChatAct.LookUpAddress, id),
        OwnerChanged { BySessionId: { } id } owner => (owner.Owner ? ChatAct.Op : ChatAct.Deop, id),
        RoomClosedByUser closed => (ChatAct.CloseRoom, closed.BySessionId),
        _ => null,
    };
}
