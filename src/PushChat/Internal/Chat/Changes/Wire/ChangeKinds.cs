using System;
using System.Collections.Generic;

namespace PushChat.Internal.Chat.Changes.Wire;

/// <summary>
/// The short name each change is written under. A name, once shipped, is never reused for
/// another change: nodes of different versions read one another's rows during a rolling upgrade,
/// and a name a node does not know is refused by name instead of being misread.
/// </summary>
internal static class ChangeKinds
{
    public static IReadOnlyList<(Type Type, string Name)> All { get; } =
    [
        (typeof(AddressLookedUp), "lookup"),
        (typeof(BanLifted), "unban"),
        (typeof(ColorChanged), "color"),
        (typeof(IgnoreChanged), "ignore"),
        (typeof(LineDeleted), "delete"),
        (typeof(LinePosted), "line"),
        (typeof(ModerationSwept), "sweep"),
        (typeof(MuteLifted), "unmute"),
        (typeof(NodeLost), "nodeLost"),
        (typeof(LoginFailed), "loginFailed"),
        (typeof(LoginSucceeded), "loginOk"),
        (typeof(RateTaken), "rate"),
        (typeof(NoticeSent), "notice"),
        (typeof(NoticesFolded), "fold"),
        (typeof(OtherSessionsEnded), "endOthers"),
        (typeof(OwnerChanged), "owner"),
        (typeof(RoleChanged), "role"),
        (typeof(RoomClosed), "close"),
        (typeof(RoomClosedByUser), "closeByUser"),
        (typeof(RoomCreated), "room"),
        (typeof(SessionEnded), "end"),
        (typeof(SessionJoined), "join"),
        (typeof(SessionMoved), "move"),
        (typeof(SessionStarted), "start"),
        (typeof(SessionsSeen), "seen"),
        (typeof(StreamsClosed), "streamsClosed"),
        (typeof(StreamsOpened), "streamsOpened"),
        (typeof(TopicChanged), "topic"),
        (typeof(UserBanned), "ban"),
        (typeof(UserKicked), "kick"),
        (typeof(UserMuted), "mute"),
        (typeof(UserRelocated), "relocate"),
    ];

    private static readonly Dictionary<Type, string> NamesByType = ToNamesByType();

    private static readonly HashSet<string> Names = new(NamesByType.Values, StringComparer.Ordinal);

    public static bool IsKnown(string name) => Names.Contains(name);

    public static bool TryGetName(Type type, out string name) => NamesByType.TryGetValue(type, out name!);

    private static Dictionary<Type, string> ToNamesByType()
    {
        var names = new Dictionary<Type, string>();
        foreach (var (type, name) in All)
        {
            names.Add(type, name);
        }

        return names;
    }
}
