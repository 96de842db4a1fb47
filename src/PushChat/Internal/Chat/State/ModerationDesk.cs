using System;
using System.Globalization;
using Microsoft.Extensions.Logging;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Chat.Policy;
using PushChat.Internal.Infrastructure;
using PushChat.Localization;
using PushChat.Localization.Keys;

namespace PushChat.Internal.Chat.State;

/// <summary>
/// What every moderation act shares, under the chat state's lock: the bans and mutes in force,
/// finding the actor and the target, the actor's authority and the checks against oneself and
/// against a target of the same or a higher authority, the wording of times and reasons, and the
/// audit of every act and every refusal of one.
/// </summary>
internal sealed class ModerationDesk
{
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IChatEvents _events;

    public ModerationDesk(SessionRegistry sessions, ChatServerLimits limits, ChatLanguages languages, TimeProvider time, ILogger logger, IChatEvents events, ModerationActs acts)
    {
        Languages = languages;
        Sessions = sessions;
        Limits = limits;
        _time = time;
        _logger = logger;
        _events = events;
        Acts = acts;
        Lists = new ModerationLists(time, limits.AddressPrefixIPv6);
    }

    public SessionRegistry Sessions { get; }

    /// <summary>The server's languages: the host's events read a refusal in the default one.</summary>
    public ChatLanguages Languages { get; }

    public ChatServerLimits Limits { get; }

    /// <summary>What an act asks of the chat state: end, tell, move, post, close.</summary>
    public ModerationActs Acts { get; }

    /// <summary>The bans and mutes in force.</summary>
    public ModerationLists Lists { get; }

    public DateTimeOffset Now => _time.GetUtcNow();

    public static ChangeResult SessionGone => ChangeResult.Refused(404, LocalText.Of(StateTexts.SessionEnded));

    public static ChangeResult NotOnline(string name) => ChangeResult.Refused(404, LocalText.Of(StateTexts.NotOnline, ("name", name)));

    /// <summary>
    /// A moderation notice in the one of its four sentences that fits: naming the actor (the host
    /// is not named) and the reason when one was given.
    /// </summary>
    public static LocalText Told(ToldKeys keys, ChatSession? actor, string? reason, params (string Name, object? Value)[] arguments)
    {
        var because = !string.IsNullOrWhiteSpace(reason);
        var key = (actor is null, because) switch
        {
            (true, false) => keys.Plain,
            (false, false) => keys.By,
            (true, true) => keys.Because,
            (false, true) => keys.ByBecause,
        };
        var all = new (string Name, object? Value)[arguments.Length + 2];
        arguments.CopyTo(all, 0);
        all[arguments.Length] = ("by", actor?.UserName);
        all[arguments.Length + 1] = ("reason", reason?.Trim());
        return LocalText.Of(key, all);
    }

    /// <summary>The actor's authority for an act in <paramref name="room"/>, or on the whole server when null.</summary>
    public static Authority AuthorityIn(ChatSession? actor, ChatRoom? room) =>
        actor is null ? Authority.Host
        : room is null ? (actor.Role == ChatRole.Admin ? Authority.Admin : actor.Role == ChatRole.Guest ? Authority.Guest : Authority.User)
        : ChatPolicy.AuthorityOf(actor, room);

    /// <summary>Why the actor may not do the act to an online target, in the target's room: the table, oneself, or a target of the same or a higher authority.</summary>
    public static LocalText? Check(ChatAct act, ChatSession? actor, ChatSession target, string verb)
    {
        if (actor is not null && actor == target && !ChatPolicy.Terms(act).OnSelf)
        {
            return LocalText.Of(Refusals(verb).Self);
        }

        return ChatPolicy.Allows(act, ChatPolicy.AuthorityOf(actor, target.Room), PolicyScope.Room)
            ? Shielded(actor, target, verb)
            : ChatPolicy.OnlyWhoText(act, target.Room.Name);
    }

    /// <summary>Whom the actor may not kick, ban or mute: someone of the same or a higher authority in the target's room.</summary>
    public static LocalText? Shielded(ChatSession? actor, ChatSession target, string verb)
    {
        if (actor is null)
        {
            return null;
        }

        if (actor == target)
        {
            return LocalText.Of(Refusals(verb).Self);
        }

        var theirs = ChatPolicy.AuthorityOf(target, target.Room);
        if (theirs < ChatPolicy.AuthorityOf(actor, target.Room))
        {
            return null;
        }

        return theirs == Authority.Admin
            ? LocalText.Of(Refusals(verb).Admin, ("name", target.UserName))
            : LocalText.Of(Refusals(verb).Owner, ("name", target.UserName), ("room", target.Room.Name));
    }

    // One sentence per act, not a verb put into one: other languages word each act its own way.
    private static (string Self, string Admin, string Owner) Refusals(string verb) => verb switch
    {
        "kick" => (StateTexts.SelfKick, StateTexts.ShieldedAdminKick, StateTexts.ShieldedOwnerKick),
        "mute" => (StateTexts.SelfMute, StateTexts.ShieldedAdminMute, StateTexts.ShieldedOwnerMute),
        "ban" => (StateTexts.SelfBan, StateTexts.ShieldedAdminBan, StateTexts.ShieldedOwnerBan),
        _ => throw new ArgumentOutOfRangeException(nameof(verb), verb, "Not a moderation act."),
    };

    /// <summary>"12:30:00 UTC" today, otherwise with the date.</summary>
    public string At(DateTimeOffset until) =>
        until.UtcDateTime.ToString(until.UtcDateTime.Date == Now.UtcDateTime.Date ? "HH:mm:ss" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>The session behind <paramref name="sessionId"/> (null: the host); false when that session has ended.</summary>
    public bool TryActor(string? sessionId, out ChatSession? actor)
    {
        actor = sessionId is null ? null : Sessions.Find(sessionId);
        return sessionId is null || actor is { Ended: false };
    }

    /// <summary>The live session of the user, or null when the user is not online.</summary>
    public ChatSession? Online(string userName) => Sessions.FindByName(userName) is { Ended: false } session ? session : null;

    /// <summary>Tells the actor what was done; the host reads it from the return value instead.</summary>
    public void Confirm(ChatSession? actor, LocalText text)
    {
        if (actor is not null)
        {
            Acts.Tell(actor, text);
        }
    }

    /// <summary>Raises the moderation event and, after the lock, logs the act.</summary>
    public void Audit(ChatModerationAction action, ChatSession? actor, string target, string? room, string? reason, DateTimeOffset? until, AfterChange after)
    {
        var (by, now) = (actor?.UserName, Now);
        _events.Moderated(new ChatModerationEventArgs(action, by, target, room, reason, now, until, refusal: null));
        after.Notify(() => Log.Moderated(_logger, by ?? "The host", action, target, room ?? "the server", until, reason ?? string.Empty));
    }

    /// <summary>Audits the refusal as <see cref="Audit"/> does an act, and refuses with 403 and <paramref name="refusal"/>.</summary>
    public ChangeResult Refuse(ChatSession? actor, ChatModerationAction action, string target, string? room, string? reason, LocalText refusal, AfterChange after)
    {
        var (by, role, now) = (actor?.UserName ?? "The host", actor?.Role ?? ChatRole.Admin, Now);
        _events.Moderated(new ChatModerationEventArgs(action, actor?.UserName, target, room, reason, now, null, refusal.In(Languages.Default)));
        after.Notify(() => Log.ModerationRefused(_logger, by, role, action, target, room ?? "the server"));
        return ChangeResult.Refused(403, refusal);
    }
}
