using System;
using System.Net;
using Microsoft.Extensions.Logging;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Chat.Policy;
using PushChat.Localization;
using PushChat.Localization.Keys;
using static PushChat.Internal.Chat.State.ModerationDesk;

namespace PushChat.Internal.Chat.State;

/// <summary>
/// The part of <see cref="ChatState"/> that kicks, bans, mutes and makes owners, and holds the
/// bans and mutes. Runs only under the state's lock, so each act is looked up in
/// <see cref="ChatPolicy"/> with the actor's role and ownership as they are at that moment. Kicks,
/// address look-ups and the host's acts are applied here; bans in <see cref="Bans"/>, mutes in
/// <see cref="Mutes"/>, owners and closing in <see cref="RoomOwnership"/>; what they share (the
/// checks, and the audit of every act and every refusal of one) in <see cref="ModerationDesk"/>.
/// </summary>
internal sealed class Moderation
{
    private readonly ModerationDesk _desk;
    private readonly ModerationLists _lists;
    private readonly ModerationActs _acts;
    private readonly Bans _bans;
    private readonly Mutes _mutes;
    private readonly RoomOwnership _ownership;

    public Moderation(SessionRegistry sessions, ChatServerLimits limits, ChatLanguages languages, TimeProvider time, ILogger logger, IChatEvents events, ModerationActs acts)
    {
        _desk = new ModerationDesk(sessions, limits, languages, time, logger, events, acts);
        _lists = _desk.Lists;
        _acts = acts;
        _bans = new Bans(_desk);
        _mutes = new Mutes(_desk);
        _ownership = new RoomOwnership(_desk);
    }

    /// <summary>Whether a ban or a mute may have run out; read without the lock by the sweeper.</summary>
    public bool MayHaveExpired(DateTimeOffset now) => _lists.MayHaveExpired(now);

    /// <inheritdoc cref="Bans.BanRefusal"/>
    public LocalText? BanRefusal(string userName, IPAddress address, ChatRole role) => _bans.BanRefusal(userName, address, role);

    /// <inheritdoc cref="Mutes.MuteRefusal"/>
    public LocalText? MuteRefusal(ChatSession session) => _mutes.MuteRefusal(session);

    /// <inheritdoc cref="Mutes.MutedUntil"/>
    public DateTimeOffset? MutedUntil(ChatSession session) => _mutes.MutedUntil(session);

    /// <inheritdoc cref="Mutes.RoomClosed"/>
    public void RoomClosed(ChatRoom room) => _mutes.RoomClosed(room);

    public ChangeResult Apply(ChatChange change, AfterChange after) => change switch
    {
        UserKicked kick => Kick(kick, after),
        UserBanned ban => _bans.Ban(ban, after),
        BanLifted unban => _bans.Unban(unban, after),
        UserMuted mute => _mutes.Mute(mute, after),
        MuteLifted unmute => _mutes.Unmute(unmute, after),
        AddressLookedUp lookup => LookUp(lookup, after),
        OwnerChanged owner => _ownership.ChangeOwner(owner, after),
        RoleChanged role => ChangeRole(role, after),
        UserRelocated moved => Relocate(moved, after),
        RoomClosedByUser closed => _ownership.CloseRoom(closed, after),
        ModerationSwept => Sweep(),
        _ => throw new ArgumentOutOfRangeException(nameof(change), change.GetType().Name, "Not a moderation change."),
    };

    private ChangeResult Kick(UserKicked kick, AfterChange after)
    {
        if (!_desk.TryActor(kick.BySessionId, out var actor))
        {
            return SessionGone;
        }

        if (_desk.Online(kick.UserName) is not { } target)
        {
            return NotOnline(kick.UserName);
        }

        var room = target.Room.Name;
        if (Check(ChatAct.Kick, actor, target, "kick") is { } refusal)
        {
            return _desk.Refuse(actor, ChatModerationAction.Kick, target.UserName, room, kick.Reason, refusal, after);
        }

        var farewell = Told(new(NoticeTexts.YouKicked, NoticeTexts.YouKickedBy, NoticeTexts.YouKickedBecause, NoticeTexts.YouKickedByBecause), actor, kick.Reason);
        var notice = Told(new(NoticeTexts.Kicked, NoticeTexts.KickedBy, NoticeTexts.KickedBecause, NoticeTexts.KickedByBecause), actor, kick.Reason, ("name", target.UserName));
        _acts.End(new SessionEnded(target.Id, ChatLeaveReason.Kicked, Announce: true, Farewell: farewell, RoomNotice: notice), after);
        if (actor is not null && actor.Room != target.Room)
        {
            _acts.Tell(actor, LocalText.Of(NoticeTexts.KickedFrom, ("name", target.UserName), ("room", room)));
        }

        _desk.Audit(ChatModerationAction.Kick, actor, target.UserName, room, kick.Reason, null, after);
        return ChangeResult.Applied;
    }

    private ChangeResult LookUp(AddressLookedUp lookup, AfterChange after)
    {
        if (!_desk.TryActor(lookup.BySessionId, out var actor) || actor is null)
        {
            return SessionGone;
        }

        var target = _desk.Online(lookup.UserName);
        if (!ChatPolicy.Allows(ChatAct.LookUpAddress, AuthorityIn(actor, null), PolicyScope.Server))
        {
            return _desk.Refuse(actor, ChatModerationAction.LookUpAddress, target?.UserName ?? lookup.UserName, actor.Room.Name, null, ChatPolicy.OnlyWhoText(ChatAct.LookUpAddress, actor.Room.Name), after);
        }

        if (target is null)
        {
            return NotOnline(lookup.UserName);
        }

        if (target == actor)
        {
            return _desk.Refuse(actor, ChatModerationAction.LookUpAddress, target.UserName, actor.Room.Name, null, LocalText.Of(StateTexts.SelfLookUp), after);
        }

        _acts.Tell(actor, LocalText.Of(NoticeTexts.Address, ("name", target.UserName), ("address", _lists.AddressKey(target.RemoteAddress)), ("room", target.Room.Name)));
        _desk.Audit(ChatModerationAction.LookUpAddress, actor, target.UserName, target.Room.Name, null, null, after);
        return ChangeResult.Applied;
    }

    private ChangeResult ChangeRole(RoleChanged change, AfterChange after)
    {
        if (_desk.Online(change.UserName) is not { } target)
        {
            return NotOnline(change.UserName);
        }

        target.Role = change.Role;
        _acts.MembershipChanged();
        _desk.Audit(ChatModerationAction.SetRole, null, target.UserName, target.Room.Name, change.Role.ToString(), null, after);
        return ChangeResult.Applied;
    }

    private ChangeResult Relocate(UserRelocated move, AfterChange after)
    {
        if (_desk.Online(move.UserName) is not { } target)
        {
            return NotOnline(move.UserName);
        }

        var moved = _acts.Move(new SessionMoved(target.Id, move.Room), after);
        if (!moved.IsRefused)
        {
            _desk.Audit(ChatModerationAction.MoveUser, null, target.UserName, target.Room.Name, null, null, after);
        }

        return moved;
    }

    private ChangeResult Sweep()
    {
        _lists.Sweep();
        return ChangeResult.Applied;
    }
}
