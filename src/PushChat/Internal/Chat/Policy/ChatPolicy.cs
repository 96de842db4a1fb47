using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using PushChat.Internal.Chat.State;
using PushChat.Localization;
using PushChat.Localization.Keys;

namespace PushChat.Internal.Chat.Policy;

/// <summary>
/// The one table of who may do what in the chat: act × authority → how far (own session, own
/// room, whole server), budget, longest duration, and who may undo it. Read where each change is
/// applied, under the chat state's lock, with the actor's role and ownership as they are then; the
/// talk frame's links, /help and the moderation page read the same table. README prints it
/// (<see cref="ToMarkdown"/>).
/// </summary>
/// <remarks>
/// Rules beside the table, the same for every act: nobody acts on oneself unless the row says so
/// (stepping down as an owner); nobody acts on someone of the same or a higher authority in the
/// room concerned; an act is lifted or shortened only by the same or a higher authority than the
/// one that did it; admins and the host have no budget.
/// </remarks>
internal static class ChatPolicy
{
    /// <summary>The longest ban or mute on the whole server: a year; longer is a decision for the user store, not a timer.</summary>
    public static readonly TimeSpan LongestOnServer = TimeSpan.FromDays(365);

    private const PolicyScope No = PolicyScope.None;
    private const PolicyScope Own = PolicyScope.Own;
    private const PolicyScope Room = PolicyScope.Room;
    private const PolicyScope Server = PolicyScope.Server;

    // Owners' acts are few and deliberate; a script that repeats one is refused long before it annoys anyone.
    private static readonly ActBudget Moderating = new(20, 60, TimeSpan.FromMinutes(1));

    private static readonly ActTerms[] Table =
    {
        // act, command (for /help and README), the key of what it does (for refusals), how far for Guest, User, Owner, Admin, Host,
        // allowed on oneself, budget, longest on the server, whether MaxRoomMuteDuration caps it in a room, the act that undoes it.
        new(ChatAct.Kick,          "/kick NAME [reason]",            ServiceTexts.ActKick,    S(No, No, Room, Server, Server), false, Moderating, null, false, null),
        new(ChatAct.Mute,          "/mute NAME [10m] [reason]",      ServiceTexts.ActMute,    S(No, No, Room, Server, Server), false, Moderating, LongestOnServer, true, ChatAct.Unmute),
        new(ChatAct.Unmute,        "/unmute NAME",                   ServiceTexts.ActUnmute,  S(No, No, Room, Server, Server), false, Moderating, null, false, null),
        new(ChatAct.Ban,           "/ban NAME [1d] [reason]",        ServiceTexts.ActBan,     S(No, No, No, Server, Server), false, Moderating, LongestOnServer, false, ChatAct.Unban),
        new(ChatAct.BanAddress,    "/banip NAME [1d] [reason]",      ServiceTexts.ActBanAddress, S(No, No, No, Server, Server), false, Moderating, LongestOnServer, false, ChatAct.Unban),
        new(ChatAct.Unban,         "/unban NAME or ADDRESS",         ServiceTexts.ActUnban,   S(No, No, No, Server, Server), false, Moderating, null, false, null),
        new(ChatAct.LookUpAddress, "/ip NAME",                       ServiceTexts.ActLookUpAddress, S(No, No, No, Server, Server), false, Moderating, null, false, null),
        new(ChatAct.Op,            "/op NAME",                       ServiceTexts.ActOp,      S(No, No, Room, Server, Server), false, Moderating, null, false, ChatAct.Deop),
        new(ChatAct.Deop,          "/deop NAME",                     ServiceTexts.ActDeop,    S(No, No, Room, Server, Server), true, Moderating, null, false, null),
        new(ChatAct.CloseRoom,     "/close",                         ServiceTexts.ActCloseRoom, S(No, No, Room, Server, Server), false, Moderating, null, false, null),
        new(ChatAct.Topic,         "/topic TEXT",                    ServiceTexts.ActTopic,   S(No, No, Room, Server, Server), false, new(5, 15, TimeSpan.FromMinutes(1)), null, false, null),
        new(ChatAct.DeleteLine,    "\"Delete lines\" link",          ServiceTexts.ActDeleteLine, S(No, No, Room, Server, Server), false, new(30, 60, TimeSpan.FromMinutes(1)), null, false, null),
        new(ChatAct.MoveUser,      "ChatServer.MoveUser",            ServiceTexts.ActMoveUser, S(No, No, No, No, Server), false, null, null, false, null),
        new(ChatAct.SetRole,       "ChatServer.SetRole",             ServiceTexts.ActSetRole, S(No, No, No, No, Server), false, null, null, false, null),

        // Every user's own acts: each one costs readers a notice or the server a rebuild, so a script gets few.
        new(ChatAct.Join,          "/join ROOM",                     ServiceTexts.ActJoin,    S(Own, Own, Own, Own, No), true, new(10, 30, TimeSpan.FromMinutes(1)), null, false, null),
        new(ChatAct.CreateRoom,    "/join NEW ROOM",                 ServiceTexts.ActCreateRoom, S(Own, Own, Own, Server, Server), true, new(3, 10, TimeSpan.FromMinutes(10)), null, false, ChatAct.CloseRoom),
        new(ChatAct.Color,         "/color NAME",                    ServiceTexts.ActColor,   S(Own, Own, Own, Own, No), true, new(10, 30, TimeSpan.FromMinutes(1)), null, false, null),
        new(ChatAct.Ignore,        "/ignore NAME, /unignore NAME",   ServiceTexts.ActIgnore, S(Own, Own, Own, Own, No), true, new(20, 60, TimeSpan.FromMinutes(1)), null, false, null),
        new(ChatAct.Query,         "/who, /rooms, /help",            ServiceTexts.ActQuery, S(Own, Own, Own, Own, No), true, new(20, 60, TimeSpan.FromMinutes(1)), null, false, null),
    };

    // Built from the rows, so the table's order and the enum's may differ; a second row for an act fails at start.
    private static readonly Dictionary<ChatAct, ActTerms> ByAct = Table.ToDictionary(t => t.Act);

    // The commands /help lists as moderation, named rather than implied by the enum's order, and how
    // /help shows each: typed as it is, its placeholders in the reader's words.
    private static readonly Dictionary<ChatAct, string> HelpKeys = new()
    {
        [ChatAct.Kick] = ServiceTexts.HelpKick, [ChatAct.Mute] = ServiceTexts.HelpMute, [ChatAct.Unmute] = ServiceTexts.HelpUnmute,
        [ChatAct.Ban] = ServiceTexts.HelpBan, [ChatAct.BanAddress] = ServiceTexts.HelpBanAddress, [ChatAct.Unban] = ServiceTexts.HelpUnban,
        [ChatAct.LookUpAddress] = ServiceTexts.HelpLookUpAddress, [ChatAct.Op] = ServiceTexts.HelpOp, [ChatAct.Deop] = ServiceTexts.HelpDeop,
        [ChatAct.CloseRoom] = ServiceTexts.HelpCloseRoom,
    };

    /// <summary>Every act's row, in the table's order.</summary>
    public static IReadOnlyList<ActTerms> Rows => Table;

    /// <summary>The row of an act.</summary>
    public static ActTerms Terms(ChatAct act) => ByAct[act];

    /// <summary>How far the authority may do the act.</summary>
    public static PolicyScope ScopeOf(ChatAct act, Authority authority) => Terms(act).ScopeOf(authority);

    /// <summary>Whether the authority may do the act at least as far as <paramref name="needed"/>.</summary>
    public static bool Allows(ChatAct act, Authority authority, PolicyScope needed) => ScopeOf(act, authority) >= needed;

    /// <summary>The authority of a session (null: the host) for acts in <paramref name="room"/>.</summary>
    public static Authority AuthorityOf(ChatSession? session, ChatRoom room) =>
        session is null ? Authority.Host
        : session.Role == ChatRole.Admin ? Authority.Admin
        : room.IsOwnedBy(session) ? Authority.RoomOwner
        : session.Role == ChatRole.Guest ? Authority.Guest
        : Authority.User;

    /// <summary>Whether the session may do the act in the room it is in now.</summary>
    public static bool MayInOwnRoom(ChatSession session, ChatAct act) => Allows(act, AuthorityOf(session, session.Room), PolicyScope.Room);

    /// <summary>Whether the authority has no budget to draw on.</summary>
    public static bool IsExempt(Authority authority) => authority >= Authority.Admin;

    /// <summary>The longest the act may last when done as far as <paramref name="scope"/>; null when it has no duration.</summary>
    public static TimeSpan? Longest(ChatAct act, PolicyScope scope, ChatServerLimits limits)
    {
        var terms = Terms(act);
        return scope == PolicyScope.Room && terms.LongestInRoomIsLimit ? limits.MaxRoomMuteDuration : terms.LongestInServer;
    }

    /// <summary>"kick users": what the act does, for refusals.</summary>
    public static LocalText Phrase(ChatAct act) => LocalText.Of(Terms(act).Phrase);

    /// <summary>"Only an admin or an owner of Den can kick users there.", in the asker's language.</summary>
    public static LocalText OnlyWhoText(ChatAct act, string room)
    {
        var terms = Terms(act);
        return terms.ScopeOf(Authority.RoomOwner) >= PolicyScope.Room ? LocalText.Of(ServiceTexts.OnlyOwnerOrAdmin, ("room", room), ("act", Phrase(act)))
            : terms.ScopeOf(Authority.Admin) >= PolicyScope.Room ? LocalText.Of(ServiceTexts.OnlyAdmin, ("act", Phrase(act)))
            : LocalText.Of(ServiceTexts.OnlyHost, ("act", Phrase(act)));
    }

    /// <summary>"an admin or an owner of Den": who may do the act in the room, in the reader's language.</summary>
    public static LocalText WhoMay(ChatAct act, string room)
    {
        var terms = Terms(act);
        return terms.ScopeOf(Authority.RoomOwner) >= PolicyScope.Room ? LocalText.Of(ServiceTexts.WhoOwnerOrAdmin, ("room", room))
            : terms.ScopeOf(Authority.Admin) >= PolicyScope.Room ? LocalText.Of(ServiceTexts.WhoAdmin)
            : LocalText.Of(ServiceTexts.WhoHost);
    }

    /// <summary>"an admin", "the server's host": who holds an authority, for refusals of an undo, in the reader's language.</summary>
    public static LocalText Holder(Authority authority) => LocalText.Of(authority switch
    {
        Authority.Host => ServiceTexts.WhoHost,
        Authority.Admin => ServiceTexts.WhoAdmin,
        Authority.RoomOwner => ServiceTexts.HolderOwner,
        _ => ServiceTexts.HolderUser,
    });

    /// <summary>The moderation commands the session may use where it is, for /help, in the session's language; empty when none.</summary>
    public static string Help(ChatSession session, ChatServerLimits limits)
    {
        var authority = AuthorityOf(session, session.Room);
        var language = session.Language;
        var commands = Table.Where(t => HelpKeys.ContainsKey(t.Act) && t.ScopeOf(authority) >= PolicyScope.Room)
            .Select(t => language.Format(HelpKeys[t.Act])).ToArray();
        if (commands.Length == 0)
        {
            return string.Empty;
        }

        var list = string.Join(" · ", commands);
        return authority >= Authority.Admin
            ? language.Format(ServiceTexts.HelpModeration, ("commands", list))
            : LocalText.Of(ServiceTexts.HelpModerationInRoom, ("commands", list), ("room", session.Room.Name), ("duration", DurationText(limits.MaxRoomMuteDuration))).In(language);
    }

    /// <summary>The table as Markdown, for README.</summary>
    public static string ToMarkdown(ChatServerLimits? limits = null)
    {
        limits ??= new ChatServerLimits();
        var text = new StringBuilder();
        text.Append("| Act | Command | Guest | User | Room owner | Admin | Host | On oneself | Budget (session / address; admins and host: none) | Longest | Undone by |\n");
        text.Append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        foreach (var row in Table)
        {
            var cells = new[] { Authority.Guest, Authority.User, Authority.RoomOwner, Authority.Admin, Authority.Host }.Select(a => Cell(row.ScopeOf(a)));
            var budget = row.Budget is { } b ? $"{b.PerSession} / {b.PerAddress} {(b.Window == TimeSpan.FromMinutes(1) ? "a minute" : "per " + Duration(b.Window))}" : "—";
            var longest = row.LongestInServer is { } server
                ? row.LongestInRoomIsLimit ? $"room {Duration(limits.MaxRoomMuteDuration)}, server {Duration(server)}" : Duration(server)
                : "—";
            var undo = row.UndoneBy is { } undoneBy ? $"{Terms(undoneBy).Command.Split(' ')[0]}, same or higher authority" : "—";
            var line = string.Join(" | ", new[] { Name(row.Act), "`" + row.Command + "`" }.Concat(cells).Concat(new[] { row.OnSelf ? "yes" : "no", budget, longest, undo }));
            text.Append("| ").Append(line).Append(" |\n");
        }

        return text.ToString();
    }

    /// <summary>"1 hour", "10 minutes", "365 days", in English, for the table in README.</summary>
    public static string Duration(TimeSpan span) => DurationText(span).ToString();

    /// <summary>"1 hour", "10 minutes", "365 days": a span in its largest whole unit, worded in the reader's language.</summary>
    public static LocalText DurationText(TimeSpan span) =>
        span.TotalDays >= 1 && span.TotalDays % 1 == 0 ? LocalText.Of(ServiceTexts.Days, ("count", (int)span.TotalDays))
        : span.TotalHours >= 1 && span.TotalHours % 1 == 0 ? LocalText.Of(ServiceTexts.Hours, ("count", (int)span.TotalHours))
        : span.TotalMinutes >= 1 && span.TotalMinutes % 1 == 0 ? LocalText.Of(ServiceTexts.Minutes, ("count", (int)span.TotalMinutes))
        : LocalText.Of(ServiceTexts.Seconds, ("count", (int)Math.Ceiling(span.TotalSeconds)));

    private static string Name(ChatAct act) => act.ToString();

    private static string Cell(PolicyScope scope) => scope switch
    {
        PolicyScope.Own => "own",
        PolicyScope.Room => "own room",
        PolicyScope.Server => "everywhere",
        _ => "—",
    };

    private static PolicyScope[] S(PolicyScope guest, PolicyScope user, PolicyScope owner, PolicyScope admin, PolicyScope host) =>
        new[] { guest, user, owner, admin, host };
}
