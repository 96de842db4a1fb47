using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PushChat.Internal.Chat.Commands;
using PushChat.Internal.Chat.Policy;
using PushChat.Internal.Chat.State;
using PushChat.Internal.Http;
using PushChat.Rendering;

namespace PushChat.Internal.Chat.Pages;

/// <summary>
/// The frames a user chats in (<see cref="ChatRoutes.Room"/>, <see cref="ChatRoutes.Talk"/>,
/// <see cref="ChatRoutes.Say"/>): the frameset and the talk form (the chat frame's stream is
/// <see cref="StreamPages"/>'s), whose lines go to the talk command and whose refusals come back in
/// the form with the draft kept.
/// </summary>
internal sealed class TalkPages
{
    private const string Sid = ChatRoutes.SessionParameter;

    // The talk frame's "to" picker lists at most this many names; /msg reaches everyone.
    private const int MaxRecipients = 100;

    private readonly PageContext _pages;

    public TalkPages(PageContext pages) => _pages = pages;

    public HttpResponse Frameset(ChatSession session) => ChatResponses.Page(200, _pages.Renderer.RenderFrameset(_pages.PageOf(session)));

    /// <summary>The talk frame as a GET asks for it, with the pickers its query names.</summary>
    public HttpResponse Talk(HttpRequest request, ChatSession session) => TalkPage(200, session, TalkFields(FormDecoder.Decode(request.Query)), null);

    public async Task<HttpResponse> SayAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var form = FormDecoder.Decode(request.Body);
        if (!_pages.TryFindSession(request, PageContext.Field(form, Sid), out var session, out var refusal))
        {
            return refusal;
        }

        var talk = TalkFields(form);
        var outcome = await _pages.Commands.Talk.RunAsync(session.Id, talk, cancellationToken).ConfigureAwait(false);
        if (!outcome.IsDone)
        {
            return TalkPage(outcome.StatusCode, session, talk, outcome.Error?.In(session.Language));
        }

        // The talk frame keeps a whisper's target picked, so a private conversation goes on.
        var keep = talk.To.Length != 0 && talk.Private && talk.Action.Length == 0 ? $"&to={Uri.EscapeDataString(talk.To)}&private=1" : string.Empty;
        return ChatResponses.SeeOther($"{ChatRoutes.Talk}?{Sid}={session.Id}{keep}");
    }

    public HttpResponse TalkPage(int statusCode, ChatSession session, TalkRequest talk, string? error)
    {
        var draft = error is null ? null : talk.Text;
        var recipients = _pages.Engine.Online.Users().Where(u => u.Room == session.Room.Name && u.Name != session.UserName).Take(MaxRecipients).Select(u => u.Name).ToArray();
        var page = new TalkPage(_pages.PageOf(session), draft, error, _pages.Options.Limits.MaxMessageLength)
        {
            Recipients = recipients,
            Target = talk.To.Length == 0 ? null : talk.To,
            IsPrivate = talk.Private,
            Color = session.Color,
            Colors = ColorPalette.Choices(session.Language),
            Actions = CannedActions.Choices(session.Language),
            CanDeleteLines = ChatPolicy.MayInOwnRoom(session, ChatAct.DeleteLine),
            CanChangePassword = _pages.Engine.Accounts.MayChangePassword(session),
            CanModerate = ModerationCommands.MayModerate(session),
            Language = session.Language,
        };
        return ChatResponses.Page(statusCode, _pages.Renderer.RenderTalk(page));
    }

    public static TalkRequest TalkFields(IReadOnlyDictionary<string, string> form) =>
        new(Field(form, "text"), Field(form, "to").Trim(), Field(form, "private") is "1" or "on", Field(form, "action").Trim(), Field(form, "color").Trim());

    private static string Field(IReadOnlyDictionary<string, string> form, string name) => PageContext.Field(form, name);
}
