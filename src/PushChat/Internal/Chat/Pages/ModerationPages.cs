using System;
using System.Collections.Generic;
using System.Linq;
using PushChat.Internal.Chat.Commands;
using PushChat.Internal.Chat.State;
using PushChat.Internal.Http;
using PushChat.Rendering;

namespace PushChat.Internal.Chat.Pages;

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

    private readonly PageContext _pages;

    public ModerationPages(PageContext pages) => _pages = pages;

    public HttpResponse Page(ChatSession session) => Page(200, session, null);

    /// <summary>Takes the page's form for the session the caller found from it.</summary>
    public HttpResponse Act(ChatSession session, IReadOnlyDictionary<string, string> form)
    {
        var name = Field(form, "name").Trim();
        if (!Verbs.TryGetValue(Field(form, "action").Trim(), out var verb) || name.Length == 0)
        {
            return _pages.Error(400, "Pick a user and what to do.");
        }

        var outcome = _pages.Commands.Moderation.Act(session.Id, verb, name, Field(form, "duration"), Field(form, "reason"));
        return outcome.IsDone
            ? ChatResponses.SeeOther($"{ChatRoutes.Moderate}?{ChatRoutes.SessionParameter}={session.Id}")
            : Page(outcome.StatusCode, session, outcome.Error?.In(session.Language));
    }

    private HttpResponse Page(int statusCode, ChatSession session, string? error)
    {
        if (!ModerationCommands.MayModerate(session))
        {
            return _pages.Error(statusCode == 200 ? 403 : statusCode, error ?? "Only an admin or an owner of this room can moderate it.");
        }

        var users = _pages.Engine.Online.Users().Where(u => u.Room == session.Room.Name && u.Name != session.UserName).Take(200).ToArray();
        var actions = Actions.Where(a => Policy.ChatPolicy.MayInOwnRoom(session, a.Act)).Select(a => a.Choice).ToArray();
        return ChatResponses.Page(statusCode, _pages.Renderer.RenderModeration(new ModerationPage(_pages.PageOf(session), users, actions, error)));
    }

    private static string Field(IReadOnlyDictionary<string, string> form, string name) => PageContext.Field(form, name);
}
