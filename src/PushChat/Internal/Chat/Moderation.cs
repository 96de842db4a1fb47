using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using Microsoft.Extensions.Logging;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Chat.Policy;
using PushChat.Internal.Infrastructure;

namespace PushChat.Internal.Chat;

/// <summary>
/// The part of <see cref="ChatState"/> that kicks, bans, mutes and makes owners, and holds the
/// bans and mutes. Runs only under the state's lock, so each act is looked up in
/// <see cref="ChatPolicy"/> with the actor's role and ownership as they are at that moment. An
/// owner's mute holds in the owner's room only; a mute or ban records its authority, and only the
/// same or a higher one lifts or shortens it. Every act, and every refusal of one, is audited.
/// </summary>
internal sealed class Moderation
{
    private readonly SessionRegistry _sessions;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IChatEvents _events;
    private readonly ModerationActs _acts;
    private readonly ModerationLists _lists;
    private readonly ChatServerLimits _limits;

    public Moderation(SessionRegistry sessions, ChatServerLimits limits, TimeProvider time, ILogger logger, IChatEvents events, ModerationActs acts)
    {
        _limits = limits;
        var prefixIPv6 = limits.AddressPrefixIPv6;
        _sessions = sessions;
        _time = time;
        _logger = logger;
        _events = events;
        _acts = acts;
        _lists = new ModerationLists(time, prefixIPv6);
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Whether a ban or a mute may have run out; read without the lock by the sweeper.</summary>
    public bool MayHaveExpired(DateTimeOffset now) => _lists.MayHaveExpired(now);

    /// <summary>"12:30:00 UTC" today, otherwise with the date.</summary>
    public static string At(DateTimeOffset until, DateTimeOffset now) =>
        until.UtcDateTime.ToString(until.UtcDateTime.Date == now.UtcDateTime.Date ? "HH:mm:ss" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>Why a login is refused: a ban of the name, or of the address (admins pass those).</summary>
    public string? BanRefusal(string userName, IPAddress address, ChatRole role)
    {
        if (_lists.NameBanOf(userName) is { } ban)
        {
            return $"{ban.Subject} is banned until {At(ban.Until, Now)}{Because(ban.Reason)}";
        }

        // An admin behind a shared address must still get in to lift the ban.
        return role != ChatRole.Admin && _lists.AddressBanOf(address) is { } addressBan
            ? $"Your address is banned until {At(addressBan.Until, Now)}{Because(addressBan.Reason)}"
            : null;
    }

    /// <summary>Why the session may not speak where it is now, or null.</summary>
    public string? MuteRefusal(ChatSession session) =>
        _lists.MuteOf(session) is { } mute
            ? mute.Room is { } room
                ? $"You are muted in {room} until {At(mute.Until, Now)}. You can still read, use commands and speak in other rooms."
                : $"You are muted until {At(mute.Until, Now)}. You can still read and use commands."
            : null;

    public DateTimeOffset? MutedUntil(ChatSession session) => _lists.MuteOf(session)?.Until;

    /// <summary>The room closed: the mutes there go with it.</summary>
    public void RoomClosed(ChatRoom room) => _lists.RoomClosed(room.Name);

    public ChangeResult Apply(ChatChange change, AfterChange after) => change switch
    {
        UserKicked kick => Kick(kick, after),
        UserBanned ban => Ban(ban, after),
        BanLifted unban => Unban(unban, after),
        UserMuted mute => Mute(mute, after),
        MuteLifted unmute => Unmute(unmute, after),
        AddressLookedUp lookup => LookUp(lookup, after),
        OwnerChanged owner => ChangeOwner(owner, after),
        RoleChanged role => ChangeRole(role, after),
        UserRelocated moved => Relocate(moved, after),
        RoomClosedByUser closed => CloseRoom(closed, after),
        ModerationSwept => Sweep(),
        _ => throw new ArgumentOutOfRangeException(nameof(change), change.GetType().Name, "Not a moderation change."),
    };

    private ChangeResult Kick(UserKicked kick, AfterChange after)
    {
        if (!TryActor(kick.BySessionId, out var actor))
        {
            return SessionGone;
        }

        if (Online(kick.UserName) is not { } target)
        {
            return NotOnline(kick.UserName);
        }

        var room = target.Room.Name;
        if (Check(ChatAct.Kick, actor, target, "kick") is { } refusal)
        {
            return Refuse(actor, ChatModerationAction.Kick, target.UserName, room, kick.Reason, refusal, after);
        }

        var told = $"kicked out{ByWhom(actor)}{Because(kick.Reason)}";
        _acts.End(new SessionEnded(target.Id, ChatLeaveReason.Kicked, Announce: true, Farewell: "You were " + told, RoomNotice: $"{target.UserName} was {told}"), after);
        if (actor is not null && actor.Room != target.Room)
        {
            _acts.Tell(actor, $"{target.UserName} was kicked out of {room}.");
        }

        Audit(ChatModerationAction.Kick, actor, target.UserName, room, kick.Reason, null, after);
        return ChangeResult.Applied;
    }

    private ChangeResult Ban(UserBanned ban, AfterChange after)
    {
        if (!TryActor(ban.BySessionId, out var actor))
        {
            return SessionGone;
        }

        var target = Online(ban.UserName);
        var what = ban.Address?.ToString() ?? target?.UserName ?? ban.UserName;
        var act = ban.ByAddress || ban.Address is not null ? ChatAct.BanAddress : ChatAct.Ban;
        var authority = AuthorityIn(actor, target?.Room);
        if (!ChatPolicy.Allows(act, authority, PolicyScope.Server))
        {
            return Refuse(actor, ChatModerationAction.Ban, what, actor?.Room.Name, ban.Reason, ChatPolicy.OnlyWho(act, actor?.Room.Name ?? string.Empty), after);
        }

        if (actor is not null && string.Equals(actor.UserName, ban.UserName, StringComparison.OrdinalIgnoreCase) && ban.Address is null)
        {
            return Refuse(actor, ChatModerationAction.Ban, what, actor.Room.Name, ban.Reason, "You cannot ban yourself.", after);
        }

        if (target is not null && ban.Address is null && Shielded(actor, target, "ban") is { } shielded)
        {
            return Refuse(actor, ChatModerationAction.Ban, what, target.Room.Name, ban.Reason, shielded, after);
        }

        var standing = ban.Address is not null || ban.ByAddress
            ? (ban.Address ?? target?.RemoteAddress) is { } banned ? _lists.AddressBanOf(banned) : null
            : _lists.NameBanOf(target?.UserName ?? ban.UserName);
        if (standing is not null && standing.Authority > authority)
        {
            return Refuse(actor, ChatModerationAction.Ban, what, target?.Room.Name, ban.Reason, $"{standing.Subject} is already banned until {At(standing.Until, Now)} by {ChatPolicy.Holder(standing.Authority)}; only {ChatPolicy.Holder(standing.Authority)} can change it.", after);
        }

        var until = Now + ban.Duration;
        var told = $"banned{ByWhom(actor)} until {At(until, Now)}{Because(ban.Reason)}";
        List<ChatSession> hit;
        if (ban.Address is not null || ban.ByAddress)
        {
            if (ban.Address is null && target is null)
            {
                return ChangeResult.Refused(404, $"Nobody called {ban.UserName} is online, so there is no address to ban. /ban {ban.UserName} bans the name.");
            }

            var address = ban.Address ?? target!.RemoteAddress;
            var key = _lists.AddressKey(address);
            _lists.BanAddress(new ModerationEntry(key, until, actor?.UserName, ban.Reason, authority));
            what = key;
            hit = _sessions.All().Where(s => !s.Ended && s.Role != ChatRole.Admin && s != actor && _lists.AddressKey(s.RemoteAddress) == key).ToList();
        }
        else
        {
            what = target?.UserName ?? ban.UserName;
            _lists.BanName(new ModerationEntry(what, until, actor?.UserName, ban.Reason, authority));
            hit = target is null ? new List<ChatSession>() : new List<ChatSession> { target };
        }

        foreach (var session in hit)
        {
            _acts.End(new SessionEnded(session.Id, ChatLeaveReason.Kicked, Announce: true, Farewell: "You were " + told, RoomNotice: $"{session.UserName} was {told}"), after);
        }

        Confirm(actor, $"{what} is banned until {At(until, Now)}; /unban {what} lifts it.");
        Audit(ChatModerationAction.Ban, actor, what, target?.Room.Name, ban.Reason, until, after);
        return ChangeResult.Applied;
    }

    private ChangeResult Unban(BanLifted unban, AfterChange after)
    {
        if (!TryActor(unban.BySessionId, out var actor))
        {
            return SessionGone;
        }

        var what = unban.Address is { } address ? _lists.AddressKey(address) : unban.UserName;
        var authority = AuthorityIn(actor, null);
        if (!ChatPolicy.Allows(ChatAct.Unban, authority, PolicyScope.Server))
        {
            return Refuse(actor, ChatModerationAction.Unban, what, actor?.Room.Name, null, ChatPolicy.OnlyWho(ChatAct.Unban, actor?.Room.Name ?? string.Empty), after);
        }

        if (actor is not null && unban.Address is null && string.Equals(actor.UserName, what, StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(actor, ChatModerationAction.Unban, what, actor.Room.Name, null, "You cannot unban yourself.", after);
        }

        var standing = unban.Address is null ? _lists.NameBanOf(what) : _lists.AddressBanOf(what);
        if (standing is not null && standing.Authority > authority)
        {
            return Refuse(actor, ChatModerationAction.Unban, what, actor?.Room.Name, null, $"{what} was banned by {ChatPolicy.Holder(standing.Authority)}; only {ChatPolicy.Holder(standing.Authority)} can lift it.", after);
        }

        if (!(unban.Address is null ? _lists.LiftNameBan(what) : _lists.LiftAddressBan(what)))
        {
            return ChangeResult.Refused(404, $"{what} is not banned.");
        }

        Confirm(actor, $"The ban of {what} is lifted.");
        Audit(ChatModerationAction.Unban, actor, what, null, null, null, after);
        return ChangeResult.Applied;
    }

    private ChangeResult Mute(UserMuted mute, AfterChange after)
    {
        if (!TryActor(mute.BySessionId, out var actor))
        {
            return SessionGone;
        }

        var target = Online(mute.UserName);
        var name = target?.UserName ?? mute.UserName;
        var authority = AuthorityIn(actor, target?.Room);
        var scope = ChatPolicy.ScopeOf(ChatAct.Mute, authority);
        var refusal = target is null
            ? (scope >= PolicyScope.Server ? null : "Only an admin can mute someone who is not online.")
            : Check(ChatAct.Mute, actor, target, "mute");
        var duration = mute.Duration;
        if (scope == PolicyScope.Room && duration == ModerationDuration.DefaultMute && duration > _limits.MaxRoomMuteDuration)
        {
            // An owner who gave no duration gets the longest a room mute may last, not a refusal.
            duration = _limits.MaxRoomMuteDuration;
        }

        if (refusal is null && scope == PolicyScope.Room && duration > _limits.MaxRoomMuteDuration)
        {
            refusal = $"An owner's mute holds in {target!.Room.Name} only and lasts at most {ChatPolicy.Duration(_limits.MaxRoomMuteDuration)}; longer and server-wide mutes are an admin's.";
        }

        var standing = _lists.MuteOf(name);
        if (refusal is null && standing is not null && (scope == PolicyScope.Room || standing.Authority > authority))
        {
            // A room mute beside a server-wide one would change nothing; a weaker authority may not shorten it.
            return Refuse(actor, ChatModerationAction.Mute, name, target?.Room.Name, mute.Reason, $"{name} is already muted until {At(standing.Until, Now)} by {ChatPolicy.Holder(standing.Authority)}; only {ChatPolicy.Holder(standing.Authority)} can change it.", after);
        }

        if (refusal is not null)
        {
            return Refuse(actor, ChatModerationAction.Mute, name, target?.Room.Name, mute.Reason, refusal, after);
        }

        var until = Now + duration;
        var inRoom = scope == PolicyScope.Room ? target!.Room.Name : null;
        if (inRoom is not null)
        {
            _lists.MuteInRoom(new ModerationEntry(name, until, actor?.UserName, mute.Reason, authority, inRoom));
        }
        else
        {
            _lists.Mute(new ModerationEntry(name, until, actor?.UserName, mute.Reason, authority));
        }

        var where = inRoom is null ? string.Empty : " in " + inRoom;
        if (target is not null)
        {
            _acts.Tell(target, $"You were muted{where}{ByWhom(actor)} until {At(until, Now)}{Because(mute.Reason)}");
        }

        Confirm(actor, $"{name} is muted{where} until {At(until, Now)}; /unmute {name} lifts it.");
        Audit(ChatModerationAction.Mute, actor, name, target?.Room.Name, mute.Reason, until, after);
        return ChangeResult.Applied;
    }

    private ChangeResult Unmute(MuteLifted unmute, AfterChange after)
    {
        if (!TryActor(unmute.BySessionId, out var actor))
        {
            return SessionGone;
        }

        var target = Online(unmute.UserName);
        var name = target?.UserName ?? unmute.UserName;
        var authority = AuthorityIn(actor, target?.Room);
        var scope = ChatPolicy.ScopeOf(ChatAct.Unmute, authority);
        string? refusal = actor is not null && string.Equals(actor.UserName, name, StringComparison.OrdinalIgnoreCase) ? "You cannot unmute yourself."
            : target is null ? (scope >= PolicyScope.Server ? null : "Only an admin can unmute someone who is not online.")
            : scope >= PolicyScope.Room ? null
            : ChatPolicy.OnlyWho(ChatAct.Unmute, target.Room.Name);
        if (refusal is not null)
        {
            return Refuse(actor, ChatModerationAction.Unmute, name, target?.Room.Name, null, refusal, after);
        }

        var server = _lists.MuteOf(name);
        var room = target is null ? null : _lists.RoomMuteOf(target);
        var liftsServer = server is not null && scope >= PolicyScope.Server && server.Authority <= authority;
        var liftsRoom = room is not null && room.Authority <= authority;
        if (server is not null && !liftsServer)
        {
            // A room mute lifted under a server-wide one would change nothing.
            return Refuse(actor, ChatModerationAction.Unmute, name, target?.Room.Name, null, $"{name} was muted by {ChatPolicy.Holder(server.Authority)} until {At(server.Until, Now)}; only {ChatPolicy.Holder(server.Authority)} can lift it.", after);
        }

        if (!liftsServer && !liftsRoom)
        {
            return room is null
                ? ChangeResult.Refused(404, $"{name} is not muted.")
                : Refuse(actor, ChatModerationAction.Unmute, name, target?.Room.Name, null, $"{name} was muted by {ChatPolicy.Holder(room.Authority)}; only {ChatPolicy.Holder(room.Authority)} can lift it.", after);
        }

        if (liftsServer)
        {
            _lists.Unmute(name);
        }

        if (liftsRoom)
        {
            _lists.UnmuteInRoom(target!.Room.Name, target.UserName);
        }

        if (target is not null)
        {
            _acts.Tell(target, "You may speak again.");
        }

        Confirm(actor, $"{name} may speak again.");
        Audit(ChatModerationAction.Unmute, actor, name, target?.Room.Name, null, null, after);
        return ChangeResult.Applied;
    }

    private ChangeResult LookUp(AddressLookedUp lookup, AfterChange after)
    {
        if (!TryActor(lookup.BySessionId, out var actor) || actor is null)
        {
            return SessionGone;
        }

        var target = Online(lookup.UserName);
        if (!ChatPolicy.Allows(ChatAct.LookUpAddress, AuthorityIn(actor, null), PolicyScope.Server))
        {
            return Refuse(actor, ChatModerationAction.LookUpAddress, target?.UserName ?? lookup.UserName, actor.Room.Name, null, ChatPolicy.OnlyWho(ChatAct.LookUpAddress, actor.Room.Name), after);
        }

        if (target is null)
        {
            return NotOnline(lookup.UserName);
        }

        if (target == actor)
        {
            return Refuse(actor, ChatModerationAction.LookUpAddress, target.UserName, actor.Room.Name, null, "You cannot look up your own address here.", after);
        }

        _acts.Tell(actor, $"{target.UserName}: {_lists.AddressKey(target.RemoteAddress)} (in {target.Room.Name}).");
        Audit(ChatModerationAction.LookUpAddress, actor, target.UserName, target.Room.Name, null, null, after);
        return ChangeResult.Applied;
    }

    private ChangeResult ChangeOwner(OwnerChanged change, AfterChange after)
    {
        if (!TryActor(change.BySessionId, out var actor))
        {
            return SessionGone;
        }

        var action = change.Owner ? ChatModerationAction.Op : ChatModerationAction.Deop;
        if (Online(change.UserName) is not { } target)
        {
            return NotOnline(change.UserName);
        }

        var room = target.Room;
        var act = change.Owner ? ChatAct.Op : ChatAct.Deop;
        var authority = AuthorityIn(actor, room);
        var stepsDown = !change.Owner && actor == target;
        if (!stepsDown && actor == target)
        {
            return Refuse(actor, action, target.UserName, room.Name, null, "You cannot make yourself an owner.", after);
        }

        if (!stepsDown && !ChatPolicy.Allows(act, authority, PolicyScope.Room))
        {
            return Refuse(actor, action, target.UserName, room.Name, null, ChatPolicy.OnlyWho(act, room.Name), after);
        }

        if (!change.Owner && !stepsDown && room.ClaimOf(target) is { } claim && claim.TakenBy > authority)
        {
            return Refuse(actor, action, target.UserName, room.Name, null, room.IsOpenedBy(target)
                ? $"Only an admin can take {room.Name} from {target.UserName}, who opened it."
                : $"{target.UserName} was made an owner by {ChatPolicy.Holder(claim.TakenBy)}; only {ChatPolicy.Holder(claim.TakenBy)} can take it back.", after);
        }

        // A registered user owns by name, a guest in this session only: anyone may later log in with a freed guest name.
        var changed = change.Owner ? room.AddOwner(RoomOwnerClaim.For(target, authority), target) : room.RemoveOwner(target);
        if (!changed)
        {
            return ChangeResult.Refused(409, change.Owner ? $"{target.UserName} already owns {room.Name}." : $"{target.UserName} is not an owner of {room.Name}.");
        }

        _acts.MembershipChanged();
        _acts.Post(RoomChanges.Notice(room, change.Owner ? $"{target.UserName} is now an owner of {room.Name}{ByWhom(actor)}." : $"{target.UserName} is no longer an owner of {room.Name}."), after);
        if (actor is not null && actor.Room != room)
        {
            _acts.Tell(actor, change.Owner ? $"{target.UserName} now owns {room.Name}." : $"{target.UserName} no longer owns {room.Name}.");
        }

        Audit(action, actor, target.UserName, room.Name, null, null, after);
        return ChangeResult.Applied;
    }

    private ChangeResult ChangeRole(RoleChanged change, AfterChange after)
    {
        if (Online(change.UserName) is not { } target)
        {
            return NotOnline(change.UserName);
        }

        target.Role = change.Role;
        _acts.MembershipChanged();
        Audit(ChatModerationAction.SetRole, null, target.UserName, target.Room.Name, change.Role.ToString(), null, after);
        return ChangeResult.Applied;
    }

    private ChangeResult Relocate(UserRelocated move, AfterChange after)
    {
        if (Online(move.UserName) is not { } target)
        {
            return NotOnline(move.UserName);
        }

        var moved = _acts.Move(new SessionMoved(target.Id, move.Room), after);
        if (!moved.IsRefused)
        {
            Audit(ChatModerationAction.MoveUser, null, target.UserName, target.Room.Name, null, null, after);
        }

        return moved;
    }

    private ChangeResult CloseRoom(RoomClosedByUser close, AfterChange after)
    {
        if (!TryActor(close.BySessionId, out var actor) || actor is null)
        {
            return SessionGone;
        }

        var room = actor.Room;
        if (!ChatPolicy.Allows(ChatAct.CloseRoom, AuthorityIn(actor, room), PolicyScope.Room))
        {
            return Refuse(actor, ChatModerationAction.CloseRoom, room.Name, room.Name, null, $"Only {ChatPolicy.WhoMay(ChatAct.CloseRoom, room.Name)} can close it.", after);
        }

        var closed = _acts.CloseRoom(new RoomClosed(room.Name, ClosedBy: actor.UserName), after);
        if (!closed.IsRefused)
        {
            Audit(ChatModerationAction.CloseRoom, actor, room.Name, room.Name, null, null, after);
        }

        return closed;
    }

    private ChangeResult Sweep()
    {
        _lists.Sweep();
        return ChangeResult.Applied;
    }

    private static ChangeResult SessionGone => ChangeResult.Refused(404, "Your session has ended.");

    private static ChangeResult NotOnline(string name) => ChangeResult.Refused(404, $"Nobody called {name} is online.");

    /// <summary>The actor's authority for an act in <paramref name="room"/>, or on the whole server when null.</summary>
    private static Authority AuthorityIn(ChatSession? actor, ChatRoom? room) =>
        actor is null ? Authority.Host
        : room is null ? (actor.Role == ChatRole.Admin ? Authority.Admin : actor.Role == ChatRole.Guest ? Authority.Guest : Authority.User)
        : ChatPolicy.AuthorityOf(actor, room);

    /// <summary>Why the actor may not do the act to an online target, in the target's room: the table, oneself, or a target of the same or a higher authority.</summary>
    private static string? Check(ChatAct act, ChatSession? actor, ChatSession target, string verb)
    {
        if (actor is not null && actor == target && !ChatPolicy.Terms(act).OnSelf)
        {
            return $"You cannot {verb} yourself.";
        }

        return ChatPolicy.Allows(act, ChatPolicy.AuthorityOf(actor, target.Room), PolicyScope.Room)
            ? Shielded(actor, target, verb)
            : ChatPolicy.OnlyWho(act, target.Room.Name);
    }

    /// <summary>Whom the actor may not kick, ban or mute: someone of the same or a higher authority in the target's room.</summary>
    private static string? Shielded(ChatSession? actor, ChatSession target, string verb)
    {
        if (actor is null)
        {
            return null;
        }

        if (actor == target)
        {
            return $"You cannot {verb} yourself.";
        }

        var theirs = ChatPolicy.AuthorityOf(target, target.Room);
        if (theirs < ChatPolicy.AuthorityOf(actor, target.Room))
        {
            return null;
        }

        return theirs == Authority.Admin
            ? $"{target.UserName} is an admin: only the server's host can {verb} an admin."
            : $"{target.UserName} owns {target.Room.Name}: only an admin can {verb} an owner.";
    }

    private static string ByWhom(ChatSession? actor) => actor is null ? string.Empty : " by " + actor.UserName;

    private static string Because(string? reason) => string.IsNullOrWhiteSpace(reason) ? "." : ": " + reason!.Trim();

    private bool TryActor(string? sessionId, out ChatSession? actor)
    {
        actor = sessionId is null ? null : _sessions.Find(sessionId);
        return sessionId is null || actor is { Ended: false };
    }

    private ChatSession? Online(string userName) => _sessions.FindByName(userName) is { Ended: false } session ? session : null;

    private void Confirm(ChatSession? actor, string text)
    {
        if (actor is not null)
        {
            _acts.Tell(actor, text);
        }
    }

    private void Audit(ChatModerationAction action, ChatSession? actor, string target, string? room, string? reason, DateTimeOffset? until, AfterChange after)
    {
        var (by, now) = (actor?.UserName, Now);
        _events.Moderated(new ChatModerationEventArgs(action, by, target, room, reason, now, until, refusal: null));
        after.Notify(() => Log.Moderated(_logger, by ?? "The host", action, target, room ?? "the server", until, reason ?? string.Empty));
    }

    private ChangeResult Refuse(ChatSession? actor, ChatModerationAction action, string target, string? room, string? reason, string refusal, AfterChange after)
    {
        var (by, role, now) = (actor?.UserName ?? "The host", actor?.Role ?? ChatRole.Admin, Now);
        _events.Moderated(new ChatModerationEventArgs(action, actor?.UserName, target, room, reason, now, null, refusal));
        after.Notify(() => Log.ModerationRefused(_logger, by, role, action, target, room ?? "the server"));
        return ChangeResult.Refused(403, refusal);
    }
}
