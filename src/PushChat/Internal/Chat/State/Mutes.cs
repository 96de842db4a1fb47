using System;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Chat.Policy;
using PushChat.Localization;
using PushChat.Localization.Keys;
using PushChat.Internal.Chat.Services;
using static PushChat.Internal.Chat.State.ModerationDesk;

namespace PushChat.Internal.Chat.State;

/// <summary>
/// Mutes and their lifting, and what a mute refuses. An owner's mute holds in the owner's room
/// only and for at most <see cref="ChatServerLimits.MaxRoomMuteDuration"/>; an admin's holds on the
/// whole server. A mute records its authority, and only the same or a higher one lifts or shortens it.
/// </summary>
internal sealed class Mutes
{
    private readonly ModerationDesk _desk;

    public Mutes(ModerationDesk desk)
    {
        _desk = desk;
    }

    /// <summary>Why the session may not speak where it is now, or null.</summary>
    public LocalText? MuteRefusal(ChatSession session) =>
        _desk.Lists.MuteOf(session) is { } mute
            ? mute.Room is { } room
                ? LocalText.Of(StateTexts.MutedIn, ("room", room), ("until", _desk.At(mute.Until)))
                : LocalText.Of(StateTexts.Muted, ("until", _desk.At(mute.Until)))
            : null;

    /// <summary>When the mute that holds the session where it is now ends, or null.</summary>
    public DateTimeOffset? MutedUntil(ChatSession session) => _desk.Lists.MuteOf(session)?.Until;

    /// <summary>The room closed: the mutes there go with it.</summary>
    public void RoomClosed(ChatRoom room) => _desk.Lists.RoomClosed(room.Name);

    /// <summary>
    /// The user, when online; the name as the user goes by; and the actor's authority and how far
    /// it may do the act in the user's room, or on the whole server when the user is not online.
    /// </summary>
    private (ChatSession? Target, string Name, Authority Authority, PolicyScope Scope) Whom(ChatSession? actor, string userName, ChatAct act)
    {
        var target = _desk.Online(userName);
        var authority = AuthorityIn(actor, target?.Room);
        return (target, target?.UserName ?? userName, authority, ChatPolicy.ScopeOf(act, authority));
    }

    /// <summary>Mutes the user in the target's room (an owner) or on the whole server (an admin, the host).</summary>
    public ChangeResult Mute(UserMuted mute, AfterChange after)
    {
        if (!_desk.TryActor(mute.BySessionId, out var actor))
        {
            return SessionGone;
        }

        var (target, name, authority, scope) = Whom(actor, mute.UserName, ChatAct.Mute);
        var refusal = target is null
            ? (scope >= PolicyScope.Server ? null : LocalText.Of(StateTexts.MuteOffline))
            : Check(ChatAct.Mute, actor, target, "mute");
        var duration = mute.Duration;
        if (scope == PolicyScope.Room && duration == ModerationDuration.DefaultMute && duration > _desk.Limits.MaxRoomMuteDuration)
        {
            // An owner who gave no duration gets the longest a room mute may last, not a refusal.
            duration = _desk.Limits.MaxRoomMuteDuration;
        }

        if (refusal is null && scope == PolicyScope.Room && duration > _desk.Limits.MaxRoomMuteDuration)
        {
            refusal = LocalText.Of(StateTexts.OwnerMuteLimit, ("room", target!.Room.Name), ("duration", ChatPolicy.DurationText(_desk.Limits.MaxRoomMuteDuration)));
        }

        var standing = _desk.Lists.MuteOf(name);
        if (refusal is null && standing is not null && (scope == PolicyScope.Room || standing.Authority > authority))
        {
            // A room mute beside a server-wide one would change nothing; a weaker authority may not shorten it.
            return _desk.Refuse(actor, ChatModerationAction.Mute, name, target?.Room.Name, mute.Reason, LocalText.Of(StateTexts.MuteStanding, ("name", name), ("until", _desk.At(standing.Until)), ("holder", ChatPolicy.Holder(standing.Authority))), after);
        }

        if (refusal is not null)
        {
            return _desk.Refuse(actor, ChatModerationAction.Mute, name, target?.Room.Name, mute.Reason, refusal, after);
        }

        var until = _desk.Now + duration;
        var inRoom = scope == PolicyScope.Room ? target!.Room.Name : null;
        if (inRoom is not null)
        {
            _desk.Lists.MuteInRoom(new ModerationEntry(name, until, actor?.UserName, mute.Reason, authority, inRoom));
        }
        else
        {
            _desk.Lists.Mute(new ModerationEntry(name, until, actor?.UserName, mute.Reason, authority));
        }

        var at = _desk.At(until);
        if (target is not null)
        {
            _desk.Acts.Tell(target, inRoom is null
                ? Told(new(NoticeTexts.YouMuted, NoticeTexts.YouMutedBy, NoticeTexts.YouMutedBecause, NoticeTexts.YouMutedByBecause), actor, mute.Reason, ("until", at))
                : Told(new(NoticeTexts.YouMutedIn, NoticeTexts.YouMutedInBy, NoticeTexts.YouMutedInBecause, NoticeTexts.YouMutedInByBecause), actor, mute.Reason, ("until", at), ("room", inRoom)));
        }

        _desk.Confirm(actor, inRoom is null
            ? LocalText.Of(NoticeTexts.MuteDone, ("name", name), ("until", at))
            : LocalText.Of(NoticeTexts.MuteDoneIn, ("name", name), ("until", at), ("room", inRoom)));
        _desk.Audit(ChatModerationAction.Mute, actor, name, target?.Room.Name, mute.Reason, until, after);
        return ChangeResult.Applied;
    }

    /// <summary>Lifts the mutes of the user that the actor's authority reaches.</summary>
    public ChangeResult Unmute(MuteLifted unmute, AfterChange after)
    {
        if (!_desk.TryActor(unmute.BySessionId, out var actor))
        {
            return SessionGone;
        }

        var (target, name, authority, scope) = Whom(actor, unmute.UserName, ChatAct.Unmute);
        LocalText? refusal = actor is not null && string.Equals(actor.UserName, name, StringComparison.OrdinalIgnoreCase) ? LocalText.Of(StateTexts.SelfUnmute)
            : target is null ? (scope >= PolicyScope.Server ? null : LocalText.Of(StateTexts.UnmuteOffline))
            : scope >= PolicyScope.Room ? null
            : ChatPolicy.OnlyWhoText(ChatAct.Unmute, target.Room.Name);
        if (refusal is not null)
        {
            return _desk.Refuse(actor, ChatModerationAction.Unmute, name, target?.Room.Name, null, refusal, after);
        }

        var server = _desk.Lists.MuteOf(name);
        var room = target is null ? null : _desk.Lists.RoomMuteOf(target);
        var liftsServer = server is not null && scope >= PolicyScope.Server && server.Authority <= authority;
        var liftsRoom = room is not null && room.Authority <= authority;
        if (server is not null && !liftsServer)
        {
            // A room mute lifted under a server-wide one would change nothing.
            return _desk.Refuse(actor, ChatModerationAction.Unmute, name, target?.Room.Name, null, LocalText.Of(StateTexts.UnmuteStandingServer, ("name", name), ("until", _desk.At(server.Until)), ("holder", ChatPolicy.Holder(server.Authority))), after);
        }

        if (!liftsServer && !liftsRoom)
        {
            return room is null
                ? ChangeResult.Refused(404, LocalText.Of(StateTexts.NotMuted, ("name", name)))
                : _desk.Refuse(actor, ChatModerationAction.Unmute, name, target?.Room.Name, null, LocalText.Of(StateTexts.UnmuteStanding, ("name", name), ("holder", ChatPolicy.Holder(room.Authority))), after);
        }

        if (liftsServer)
        {
            _desk.Lists.Unmute(name);
        }

        if (liftsRoom)
        {
            _desk.Lists.UnmuteInRoom(target!.Room.Name, target.UserName);
        }

        if (target is not null)
        {
            _desk.Acts.Tell(target, LocalText.Of(NoticeTexts.YouUnmuted));
        }

        _desk.Confirm(actor, LocalText.Of(NoticeTexts.UnmuteDone, ("name", name)));
        _desk.Audit(ChatModerationAction.Unmute, actor, name, target?.Room.Name, null, null, after);
        return ChangeResult.Applied;
    }
}
