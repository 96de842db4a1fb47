using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Chat.Policy;
using PushChat.Localization;
using PushChat.Localization.Keys;
using static PushChat.Internal.Chat.State.ModerationDesk;

namespace PushChat.Internal.Chat.State;

/// <summary>
/// Who owns a room: making and unmaking owners, stepping down, and closing the room. Taking
/// ownership back needs the authority that gave it; the one who opened a room loses it only to an admin.
/// </summary>
internal sealed class RoomOwnership
{
    private readonly ModerationDesk _desk;

    public RoomOwnership(ModerationDesk desk)
    {
        _desk = desk;
    }

    /// <summary>Makes the user an owner of the room the user is in, or unmakes one; an owner may step down.</summary>
    public ChangeResult ChangeOwner(OwnerChanged change, AfterChange after)
    {
        if (!_desk.TryActor(change.BySessionId, out var actor))
        {
            return SessionGone;
        }

        var action = change.Owner ? ChatModerationAction.Op : ChatModerationAction.Deop;
        if (_desk.Online(change.UserName) is not { } target)
        {
            return NotOnline(change.UserName);
        }

        var room = target.Room;
        var act = change.Owner ? ChatAct.Op : ChatAct.Deop;
        var authority = AuthorityIn(actor, room);
        var stepsDown = !change.Owner && actor == target;
        if (!stepsDown && actor == target)
        {
            return _desk.Refuse(actor, action, target.UserName, room.Name, null, LocalText.Of(StateTexts.SelfOwner), after);
        }

        if (!stepsDown && !ChatPolicy.Allows(act, authority, PolicyScope.Room))
        {
            return _desk.Refuse(actor, action, target.UserName, room.Name, null, ChatPolicy.OnlyWhoText(act, room.Name), after);
        }

        if (!change.Owner && !stepsDown && room.ClaimOf(target) is { } claim && claim.TakenBy > authority)
        {
            return _desk.Refuse(actor, action, target.UserName, room.Name, null, room.IsOpenedBy(target)
                ? LocalText.Of(StateTexts.OwnerOpener, ("room", room.Name), ("name", target.UserName))
                : LocalText.Of(StateTexts.OwnerStanding, ("name", target.UserName), ("holder", ChatPolicy.Holder(claim.TakenBy))), after);
        }

        // A registered user owns by name, a guest in this session only: anyone may later log in with a freed guest name.
        var changed = change.Owner ? room.AddOwner(RoomOwnerClaim.For(target, authority), target) : room.RemoveOwner(target);
        if (!changed)
        {
            return ChangeResult.Refused(409, LocalText.Of(change.Owner ? StateTexts.AlreadyOwner : StateTexts.NotOwner, ("name", target.UserName), ("room", room.Name)));
        }

        _desk.Acts.MembershipChanged();
        var notice = !change.Owner ? LocalText.Of(NoticeTexts.OwnerRemoved, ("name", target.UserName), ("room", room.Name))
            : actor is null ? LocalText.Of(NoticeTexts.OwnerAdded, ("name", target.UserName), ("room", room.Name))
            : LocalText.Of(NoticeTexts.OwnerAddedBy, ("name", target.UserName), ("room", room.Name), ("by", actor.UserName));
        _desk.Acts.Post(RoomChanges.Notice(room, notice), after);
        if (actor is not null && actor.Room != room)
        {
            _desk.Acts.Tell(actor, LocalText.Of(change.Owner ? NoticeTexts.OwnerDone : NoticeTexts.OwnerRemovedDone, ("name", target.UserName), ("room", room.Name)));
        }

        _desk.Audit(action, actor, target.UserName, room.Name, null, null, after);
        return ChangeResult.Applied;
    }

    /// <summary>Closes the room the actor is in.</summary>
    public ChangeResult CloseRoom(RoomClosedByUser close, AfterChange after)
    {
        if (!_desk.TryActor(close.BySessionId, out var actor) || actor is null)
        {
            return SessionGone;
        }

        var room = actor.Room;
        if (!ChatPolicy.Allows(ChatAct.CloseRoom, AuthorityIn(actor, room), PolicyScope.Room))
        {
            return _desk.Refuse(actor, ChatModerationAction.CloseRoom, room.Name, room.Name, null, LocalText.Of(StateTexts.CloseOnly, ("who", ChatPolicy.WhoMay(ChatAct.CloseRoom, room.Name))), after);
        }

        var closed = _desk.Acts.CloseRoom(new RoomClosed(room.Name, ClosedBy: actor.UserName), after);
        if (!closed.IsRefused)
        {
            _desk.Audit(ChatModerationAction.CloseRoom, actor, room.Name, room.Name, null, null, after);
        }

        return closed;
    }
}
