using System;
using System.Collections.Generic;
using System.Linq;
using PushChat.Internal.Chat.Commands;
using PushChat.Internal.Http;
using PushChat.Rendering;

namespace PushChat.Internal.Chat;

/// <summary>
/// The moderation page (<see cref="ChatRoutes.Moderate"/>): shows the room's users to an admin or
/// an owner, and turns its forms into the same acts as the talk box's commands, so the same
/// checks, made when the act is applied, refuse a crafted form from anyone else.
/// </summary>
internal sealed class ModerationPages
{
    // The page's actions and the act each is, in the page's order; shown to those the policy table lets do the act.
    private static readonly (TalkChoice Choice, Policy.ChatAct Act)[] Actions =
    {
        (new("kick", "kick"), Policy.ChatAct.Kick), (new("mute", "mute"), Policy.ChatAct.Mute), (new("unmute", "unmute"), Policy.ChatAct.Unmute),
        (new("op", "make owner"), Policy.ChatAct.Op), (new("deop", "unmake owner"), Policy.ChatAct.Deop),
        (new("ban", "ban name"), Policy.ChatAct.Ban), (new("banip", "ban address"), Policy.ChatAct.BanAddress), (new("unban", "unban name"), Policy.ChatAct.Unban),
    };

    private static readonly Dictionary<string, TalkVerb> Verbs = new(StringComparer.OrdinalIgnoreCase)
    {
        ["kick"] = TalkVerb.Kick,
        ["mute"] = TalkVerb.Mute,
        ["unmute"] = TalkVerb.Unmute,
        ["ban"] = TalkVerb.Ban,
        ["banip"] = TalkVerb.BanAddress,
        ["unban"] = TalkVerb.Unban,
        ["op"] = TalkVerb.Op,
        ["deop"] = TalkVerb.Deop,
    };

    private readonly ChatEngine _engine;
    private readonly ModerationCommands _commands;
    private readonly Func<int, string, HttpResponse> _error;
    private readonly Func<ChatSession, SessionPage> _pageOf;

    public ModerationPages(ChatEngine engine, ModerationCommands commands, Func<int, string, HttpResponse> error, Func<ChatSession, SessionPage> pageOf)
    {
        _engine = engine;
        _commands = commands;
        _error = error;
        _pageOf = pageOf;
    }

    public HttpResponse Page(ChatSession session) => Page(200, session, null);

    public HttpResponse Act(ChatSession session, IReadOnlyDictionary<string, string> form)
    {
        var name = Field(form, "name").Trim();
        if (!Verbs.TryGetValue(Field(form, "action").Trim(), out var verb) || name.Length == 0)
        {
            return _error(400, "Pick a user and what to do.");
        }

        var duration = verb is TalkVerb.Ban or TalkVerb.BanAddress or TalkVerb.Mute ? Field(form, "duration").Trim() : string.Empty;
        if (duration.Length != 0 && ModerationDuration.Parse(duration) is null)
        {
            return Page(400, session, "Type a duration such as 30s, 10m, 2h or 1d, or leave it empty.");
        }

        var outcome = _commands.Run(session, verb, $"\"{name.Replace("\"", string.Empty)}\" {duration} {Field(form, "reason").Trim()}");
        return outcome.Value is not null
            ? ChatResponses.SeeOther($"{ChatRoutes.Moderate}?{ChatRoutes.SessionParameter}={session.Id}")
            : Page(outcome.StatusCode, session, outcome.Error);
    }

    private HttpResponse Page(int statusCode, ChatSession session, string? error)
    {
        if (!ChatEngine.MayModerate(session))
        {
            return _error(statusCode == 200 ? 403 : statusCode, error ?? "Only an admin or an owner of this room can moderate it.");
        }

        var users = _engine.OnlineUsers().Where(u => u.Room == session.Room.Name && u.Name != session.UserName).Take(200).ToArray();
        var actions = Actions.Where(a => Policy.ChatPolicy.MayInOwnRoom(session, a.Act)).Select(a => a.Choice).ToArray();
        return ChatResponses.Page(statusCode, _engine.Renderer.RenderModeration(new ModerationPage(_pageOf(session), users, actions, error)));
    }

    private static string Field(IReadOnlyDictionary<string, string> form, string name) =>
        form.TryGetValue(name, out var value) ? value : string.Empty;
}
