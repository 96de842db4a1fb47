using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PushChat.Internal.Chat.Commands;
using PushChat.Internal.Chat.State;
using PushChat.Internal.Http;
using PushChat.Localization;
using PushChat.Localization.Keys;
using PushChat.Rendering;

namespace PushChat.Internal.Chat.Pages;

/// <summary>
/// The moderation page (<see cref="ChatRoutes.Moderate"/>): shows the room's users to an admin or
/// an owner, and turns its forms into the same acts as the talk box's commands, so the same
/// checks, made when the act is applied, refuse a crafted form from anyone else.
/// </summary>
internal sealed class ModerationPages
{
    // The page's actions, the key of each one's label and the act each is, in the page's order; shown to those the policy table lets do the act.
    private static readonly (string Value, string Label, Policy.ChatAct Act)[] Actions =
    {
        ("kick", ModerationPageTexts.Kick, Policy.ChatAct.Kick), ("mute", ModerationPageTexts.Mute, Policy.ChatAct.Mute), ("unmute", ModerationPageTexts.Unmute, Policy.ChatAct.Unmute),
        ("op", ModerationPageTexts.Op, Policy.ChatAct.Op), ("deop", ModerationPageTexts.Deop, Policy.ChatAct.Deop),
        ("ban", ModerationPageTexts.Ban, Policy.ChatAct.Ban), ("banip", ModerationPageTexts.BanAddress, Policy.ChatAct.BanAddress), ("unban", ModerationPageTexts.Unban, Policy.ChatAct.Unban),
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
    public async ValueTask<HttpResponse> ActAsync(ChatSession session, IReadOnlyDictionary<string, string> form, CancellationToken cancellationToken)
    {
        var name = Field(form, "name").Trim();
        if (!Verbs.TryGetValue(Field(form, "action").Trim(), out var verb) || name.Length == 0)
        {
            return _pages.Error(session.Language, 400, LocalText.Of(ModerationPageTexts.PickUserAndAct));
        }

        var outcome = await _pages.Commands.Moderation.ActAsync(session.Id, verb, name, Field(form, "duration"), Field(form, "reason"), cancellationToken).ConfigureAwait(false);
        return outcome.IsDone
            ? ChatResponses.SeeOther($"{ChatRoutes.Moderate}?{ChatRoutes.SessionParameter}={session.Id}")
            : Page(outcome.StatusCode, session, outcome.Error?.In(session.Language));
    }

    private HttpResponse Page(int statusCode, ChatSession session, string? error)
    {
        if (!ModerationCommands.MayModerate(session))
        {
            // The refusal of the last act is already worded in the session's language.
            var why = error is null ? LocalText.Of(ModerationPageTexts.OnlyModerators) : LocalText.Plain(error);
            return _pages.Error(session.Language, statusCode == 200 ? 403 : statusCode, why);
        }

        var users = _pages.Engine.Online.Users().Where(u => u.Room == session.Room.Name && u.Name != session.UserName).Take(200).ToArray();
        var actions = Actions.Where(a => Policy.ChatPolicy.MayInOwnRoom(session, a.Act)).Select(a => new TalkChoice(a.Value, session.Language.Format(a.Label))).ToArray();
        return ChatResponses.Page(statusCode, _pages.Renderer.RenderModeration(new ModerationPage(_pages.PageOf(session), users, actions, error) { Language = session.Language }));
    }

    private static string Field(IReadOnlyDictionary<string, string> form, string name) => PageContext.Field(form, name);
}
