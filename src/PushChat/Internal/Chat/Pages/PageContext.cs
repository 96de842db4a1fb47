using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using PushChat.Internal.Chat.Commands;
using PushChat.Internal.Chat.Services;
using PushChat.Internal.Chat.State;
using PushChat.Internal.Http;
using PushChat.Internal.Infrastructure;
using PushChat.Localization;
using PushChat.Localization.Keys;
using PushChat.Rendering;

namespace PushChat.Internal.Chat.Pages;

/// <summary>
/// What every HTML presenter shares: the commands it calls, the renderer that draws the answer,
/// the error page, and finding the session a request names, which over HTTP also means checking
/// that the request comes from the browser the session belongs to (its cookie).
/// </summary>
internal sealed class PageContext
{
    private readonly ILogger _logger;
    private readonly LogThrottle _cookieLog;

    public PageContext(ChatEngine engine, ILogger logger)
    {
        Engine = engine;
        Commands = engine.Commands;
        Renderer = engine.Renderer;
        Options = engine.Options;
        Cookies = new SessionCookies(engine.Options.RequireSessionCookie, secure: engine.Options.Certificate is not null);
        _logger = logger;
        _cookieLog = new LogThrottle(engine.Time);
    }

    public ILogger Logger => _logger;

    /// <summary>The chat's services, for what pages show (lists, policy, settings); what pages change goes through <see cref="Commands"/>.</summary>
    public ChatEngine Engine { get; }

    public ChatCommands Commands { get; }

    public IPageRenderer Renderer { get; }

    public ChatServerOptions Options { get; }

    public SessionCookies Cookies { get; }

    /// <summary>The languages the chat speaks.</summary>
    public ChatLanguages Languages => Engine.State.Languages;

    /// <summary>
    /// The language to answer a request in: <paramref name="chosen"/> (a tag from a form or a
    /// link), else the one the browser chose before (its cookie), else its <c>Accept-Language</c>,
    /// else the chat's default. A session's pages use the session's language instead.
    /// </summary>
    public ChatLanguage LanguageOf(HttpRequest request, string? chosen = null)
    {
        string? remembered = null;
        foreach (var value in CookieHeader.ValuesOf(request.Headers, ChatLanguages.CookieName))
        {
            remembered = value;
        }

        return Languages.Choose(chosen, remembered, request.Headers["Accept-Language"]);
    }

    public SessionPage PageOf(ChatSession session) => new(Options.Title, session.Id, session.UserName, session.Room.Name) { Language = session.Language };

    /// <summary>A form's field, empty when the form lacks it.</summary>
    public static string Field(IReadOnlyDictionary<string, string> form, string name) =>
        form.TryGetValue(name, out var value) ? value : string.Empty;

    /// <summary>The error page in the language the request's browser reads (see <see cref="LanguageOf"/>).</summary>
    public HttpResponse Error(HttpRequest request, int statusCode, LocalText message, bool offerLogin = false) =>
        Error(LanguageOf(request), statusCode, message, offerLogin);

    /// <summary>The error page in <paramref name="language"/>; a plain text answer when the page cannot be drawn.</summary>
    public HttpResponse Error(ChatLanguage language, int statusCode, LocalText message, bool offerLogin = false)
    {
        var text = message.In(language);
        try
        {
            return ChatResponses.Page(statusCode, Renderer.RenderError(new ErrorPage(Options.Title, statusCode, text, offerLogin) { Language = language }));
        }
#pragma warning disable CA1031 // An error must be answered even when its page cannot be drawn.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.RendererFailed(_logger, ex);
            return ChatResponses.Text(statusCode, text + "\n");
        }
    }

    /// <summary>
    /// The session a request names, when the request comes from the browser the session belongs
    /// to; otherwise the answer to give instead, and nothing of the session is touched.
    /// </summary>
    public bool TryFindSession(HttpRequest request, string sessionId, [NotNullWhen(true)] out ChatSession? session, [NotNullWhen(false)] out HttpResponse? refusal)
    {
        session = Engine.Sessions.Find(sessionId);
        if (session is null)
        {
            refusal = SessionEnded(request, sessionId);
            return false;
        }

        if (!Cookies.Admits(request, session))
        {
            if (_cookieLog.TryEnter(out var skipped))
            {
                Log.SessionCookieMissing(_logger, request.Path, session.UserName, skipped);
            }

            session = null;
            refusal = OtherBrowser(request);
            return false;
        }

        refusal = null;
        return true;
    }

    /// <summary>404 for a session that has ended; the browser may drop the session's cookie.</summary>
    public HttpResponse SessionEnded(HttpRequest request, string sessionId) =>
        Cookies.Withdraw(Error(request, 404, LocalText.Of(ErrorPageTexts.SessionEnded), offerLogin: true), request, sessionId);

    /// <summary>
    /// 403 for a session link without its cookie: the link was copied to another browser, or it
    /// was opened from another web site, whose links never send a SameSite=Strict cookie. The
    /// address bar starts a navigation of the browser's own, which does.
    /// </summary>
    private HttpResponse OtherBrowser(HttpRequest request) =>
        Error(request, 403, LocalText.Of(ErrorPageTexts.OtherBrowser), offerLogin: true);
}
