using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Chat.Policy;
using PushChat.Localization;
using PushChat.Localization.Keys;
using static PushChat.Internal.Chat.State.ModerationDesk;

namespace PushChat.Internal.Chat.State;

/// <summary>
/// Bans of names and of addresses, their lifting, and what a ban refuses at login. Only an admin or
/// the host bans; a ban records its authority, and only the same or a higher one lifts or changes it.
/// </summary>
internal sealed class Bans
{
    private readonly ModerationDesk _desk;

    public Bans(ModerationDesk desk)
    {
        _desk = desk;
    }

    /// <summary>Why a login is refused: a ban of the name, or of the address (admins pass those).</summary>
    public LocalText? BanRefusal(string userName, IPAddress address, ChatRole role)
    {
        if (_desk.Lists.NameBanOf(userName) is { } ban)
        {
            return LocalText.Of(string.IsNullOrWhiteSpace(ban.Reason) ? StateTexts.NameBanned : StateTexts.NameBannedBecause, ("name", ban.Subject), ("until", _desk.At(ban.Until)), ("reason", ban.Reason?.Trim()));
        }

        // An admin behind a shared address must still get in to lift the ban.
        return role != ChatRole.Admin && _desk.Lists.AddressBanOf(address) is { } addressBan
            ? LocalText.Of(string.IsNullOrWhiteSpace(addressBan.Reason) ? StateTexts.AddressBanned : StateTexts.AddressBannedBecause, ("until", _desk.At(addressBan.Until)), ("reason", addressBan.Reason?.Trim()))
            : null;
    }

    /// <summary>Bans a name, or an address with everyone online behind it but admins.</summary>
    public ChangeResult Ban(UserBanned ban, AfterChange after)
    {
        if (!_desk.TryActor(ban.BySessionId, out var actor))
        {
            return SessionGone;
        }

        var target = _desk.Online(ban.UserName);
        var what = ban.Address?.ToString() ?? target?.UserName ?? ban.UserName;
        var act = ban.ByAddress || ban.Address is not null ? ChatAct.BanAddress : ChatAct.Ban;
        var authority = AuthorityIn(actor, target?.Room);
        if (!ChatPolicy.Allows(act, authority, PolicyScope.Server))
        {
            return _desk.Refuse(actor, ChatModerationAction.Ban, what, actor?.Room.Name, ban.Reason, ChatPolicy.OnlyWhoText(act, actor?.Room.Name ?? string.Empty), after);
        }

        if (actor is not null && string.Equals(actor.UserName, ban.UserName, StringComparison.OrdinalIgnoreCase) && ban.Address is null)
        {
            return _desk.Refuse(actor, ChatModerationAction.Ban, what, actor.Room.Name, ban.Reason, LocalText.Of(StateTexts.SelfBan), after);
        }

        if (target is not null && ban.Address is null && Shielded(actor, target, "ban") is { } shielded)
        {
            return _desk.Refuse(actor, ChatModerationAction.Ban, what, target.Room.Name, ban.Reason, shielded, after);
        }

        var standing = ban.Address is not null || ban.ByAddress
            ? (ban.Address ?? target?.RemoteAddress) is { } banned ? _desk.Lists.AddressBanOf(banned) : null
            : _desk.Lists.NameBanOf(target?.UserName ?? ban.UserName);
        if (standing is not null && standing.Authority > authority)
        {
            return _desk.Refuse(actor, ChatModerationAction.Ban, what, target?.Room.Name, ban.Reason, LocalText.Of(StateTexts.BanStanding, ("name", standing.Subject), ("until", _desk.At(standing.Until)), ("holder", ChatPolicy.Holder(standing.Authority))), after);
        }

        var until = _desk.Now + ban.Duration;
        var at = _desk.At(until);
        List<ChatSession> hit;
        if (ban.Address is not null || ban.ByAddress)
        {
            if (ban.Address is null && target is null)
            {
                return ChangeResult.Refused(404, LocalText.Of(StateTexts.BanAddressOffline, ("name", ban.UserName)));
            }

            var address = ban.Address ?? target!.RemoteAddress;
            var key = _desk.Lists.AddressKey(address);
            _desk.Lists.BanAddress(new ModerationEntry(key, until, actor?.UserName, ban.Reason, authority));
            what = key;
            hit = _desk.Sessions.InStartOrder().Where(s => !s.Ended && s.Role != ChatRole.Admin && s != actor && _desk.Lists.AddressKey(s.RemoteAddress) == key).ToList();
        }
        else
        {
            what = target?.UserName ?? ban.UserName;
            _desk.Lists.BanName(new ModerationEntry(what, until, actor?.UserName, ban.Reason, authority));
            hit = target is null ? new List<ChatSession>() : new List<ChatSession> { target };
        }

        foreach (var session in hit)
        {
            var farewell = Told(new(NoticeTexts.YouBanned, NoticeTexts.YouBannedBy, NoticeTexts.YouBannedBecause, NoticeTexts.YouBannedByBecause), actor, ban.Reason, ("until", at));
            var notice = Told(new(NoticeTexts.Banned, NoticeTexts.BannedBy, NoticeTexts.BannedBecause, NoticeTexts.BannedByBecause), actor, ban.Reason, ("name", session.UserName), ("until", at));
            _desk.Acts.End(new SessionEnded(session.Id, ChatLeaveReason.Kicked, Announce: true, Farewell: farewell, RoomNotice: notice), after);
        }

        _desk.Confirm(actor, LocalText.Of(NoticeTexts.BanDone, ("name", what), ("until", at)));
        _desk.Audit(ChatModerationAction.Ban, actor, what, target?.Room.Name, ban.Reason, until, after);
        return ChangeResult.Applied;
    }

    /// <summary>Lifts the ban of a name or an address.</summary>
    public ChangeResult Unban(BanLifted unban, AfterChange after)
    {
        if (!_desk.TryActor(unban.BySessionId, out var actor))
        {
            return SessionGone;
        }

        var what = unban.Address is { } address ? _desk.Lists.AddressKey(address) : unban.UserName;
        var authority = AuthorityIn(actor, null);
        if (!ChatPolicy.Allows(ChatAct.Unban, authority, PolicyScope.Server))
        {
            return _desk.Refuse(actor, ChatModerationAction.Unban, what, actor?.Room.Name, null, ChatPolicy.OnlyWhoText(ChatAct.Unban, actor?.Room.Name ?? string.Empty), after);
        }

        if (actor is not null && unban.Address is null && string.Equals(actor.UserName, what, StringComparison.OrdinalIgnoreCase))
        {
            return _desk.Refuse(actor, ChatModerationAction.Unban, what, actor.Room.Name, null, LocalText.Of(StateTexts.SelfUnban), after);
        }

        var standing = unban.Address is null ? _desk.Lists.NameBanOf(what) : _desk.Lists.AddressBanOf(what);
        if (standing is not null && standing.Authority > authority)
        {
            return _desk.Refuse(actor, ChatModerationAction.Unban, what, actor?.Room.Name, null, LocalText.Of(StateTexts.UnbanStanding, ("name", what), ("holder", ChatPolicy.Holder(standing.Authority))), after);
        }

        if (!(unban.Address is null ? _desk.Lists.LiftNameBan(what) : _desk.Lists.LiftAddressBan(what)))
        {
            return ChangeResult.Refused(404, LocalText.Of(StateTexts.NotBanned, ("name", what)));
        }

        _desk.Confirm(actor, LocalText.Of(NoticeTexts.BanLifted, ("name", what)));
        _desk.Audit(ChatModerationAction.Unban, actor, what, null, null, null, after);
        return ChangeResult.Applied;
    }
}
