using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using PushChat.Internal.Chat.State;
using PushChat.Internal.Http;
using PushChat.Localization;
using PushChat.Localization.Keys;
using PushChat.Rendering;

namespace PushChat.Internal.Chat.Pages;

/// <summary>
/// The account pages (<see cref="ChatRoutes.Home"/>, <see cref="ChatRoutes.Login"/>,
/// <see cref="ChatRoutes.Register"/>, <see cref="ChatRoutes.Password"/>, <see cref="ChatRoutes.Leave"/>):
/// the login form, making an account, changing a password and logging out, the pages through
/// which a user gets or gives up a session rather than uses one. They read the forms, call the
/// account commands and draw their outcomes; the session cookie is theirs too.
/// </summary>
internal sealed class AccountPages
{
    private const string Sid = ChatRoutes.SessionParameter;
    private const string Modern = "modern";

    private readonly PageContext _pages;
    private readonly TrustedProxies _proxies;

    public AccountPages(PageContext pages)
    {
        _pages = pages;
        _proxies = new TrustedProxies(pages.Options.TrustedProxies);
    }

    // Remembers which page the browser chose at its last login (classic or modern), for a year; the language it picked likewise.
    private const string PageCookie = "pushchat-page";
    private const int PageCookieSeconds = 365 * 24 * 60 * 60;

    public HttpResponse LoginPage(int statusCode, ChatLanguage language, string? name, string? error, bool preferModernPage = false) =>
        ChatResponses.Page(statusCode, _pages.Renderer.RenderLogin(new LoginPage(_pages.Options.Title, name, error, _pages.Engine.Logins.GuestsInvited, _pages.Engine.Rooms.List())
        {
            RegistrationOpen = _pages.Engine.Accounts.RegistrationOpen,
            MaxUserNameLength = _pages.Options.Limits.MaxUserNameLength,
            PreferModernPage = preferModernPage,
            Language = language,
            Languages = _pages.Languages.All,
        }));

    /// <summary>
    /// The login page, offering first the page this browser chose at its last login, in the
    /// language a link picked (<c>?lang=</c>, then remembered) or else the browser's.
    /// </summary>
    public HttpResponse Home(HttpRequest request)
    {
        var picked = Field(FormDecoder.Decode(request.Query), "lang");
        return RememberLanguage(LoginPage(200, _pages.LanguageOf(request, picked), null, null, ChoseModernPage(request)), request, picked);
    }

    private static bool ChoseModernPage(HttpRequest request) => CookieHeader.ValuesOf(request.Headers, PageCookie).Any(v => v == Modern);

    public async Task<HttpResponse> LoginAsync(HttpRequest request, IPEndPoint remote, CancellationToken cancellationToken)
    {
        var form = FormDecoder.Decode(request.Body);
        var name = Field(form, "name");
        var picked = Field(form, "lang");
        var language = _pages.LanguageOf(request, picked);
        var outcome = await _pages.Commands.Accounts.LogInAsync(name, Field(form, "password"), _proxies.ClientOf(request, remote), Field(form, "room"), cancellationToken, language.Tag).ConfigureAwait(false);
        if (outcome.Value is { } session)
        {
            // The classic frames unless the form chose the modern page: they work in every browser, with or without scripts.
            var modern = Field(form, "ui") == Modern;
            var page = modern ? ChatRoutes.App : ChatRoutes.Room;
            var response = _pages.Cookies.Issue(ChatResponses.SeeOther($"{page}?{Sid}={session.Id}"), request, session);
            response = RememberLanguage(response, request, picked);
            return Field(form, "ui").Length == 0 ? response : response.With(SetCookieHeader.Name, SetCookieHeader.Lasting(PageCookie, modern ? Modern : "classic", PageCookieSeconds, request.IsHttps));
        }

        // A password for a name without an account: most likely someone who thinks they have one, so offer to make it.
        var refused = outcome.StatusCode == 403 && Field(form, "password").Length != 0 && await _pages.Engine.Accounts.MayRegisterAsync(name, cancellationToken).ConfigureAwait(false)
            ? ChatResponses.Page(403, _pages.Renderer.RenderRegisterOffer(RegisterModel(language, UserNameRules.Normalize(name), outcome.Error?.In(language))))
            : LoginPage(outcome.StatusCode, language, name, outcome.Error?.In(language), Field(form, "ui") == Modern);
        return RememberLanguage(refused, request, picked);
    }

    /// <summary>Registers and logs in, like a login: users expect to be in the chat once the account is made.</summary>
    public async Task<HttpResponse> RegisterAsync(HttpRequest request, IPEndPoint remote, CancellationToken cancellationToken)
    {
        if (!_pages.Engine.Accounts.RegistrationOpen)
        {
            return _pages.Error(request, 404, LocalText.Of(AccountPageTexts.RegistrationClosed), offerLogin: true);
        }

        if (request.Method != "POST")
        {
            var query = FormDecoder.Decode(request.Query);
            return ChatResponses.Page(200, _pages.Renderer.RenderRegister(RegisterModel(_pages.LanguageOf(request, Field(query, "lang")), Field(query, "name"), null)));
        }

        var form = FormDecoder.Decode(request.Body);
        var language = _pages.LanguageOf(request, Field(form, "lang"));
        var (name, password) = (Field(form, "name"), Field(form, "password"));
        var client = _proxies.ClientOf(request, remote);
        var registered = await _pages.Commands.Accounts.RegisterAsync(name, password, Field(form, "confirm"), client, cancellationToken).ConfigureAwait(false);
        if (registered.Value is not { } account)
        {
            return ChatResponses.Page(registered.StatusCode, _pages.Renderer.RenderRegister(RegisterModel(language, name, registered.Error?.In(language))));
        }

        var login = await _pages.Commands.Accounts.LogInAsync(account.Name, password, client, Field(form, "room"), cancellationToken, language.Tag).ConfigureAwait(false);

        // Back to the page this browser chose at its last login: a guest of the modern page registers from it and returns to it.
        var page = ChoseModernPage(request) ? ChatRoutes.App : ChatRoutes.Room;
        return login.Value is { } session
            ? _pages.Cookies.Issue(ChatResponses.SeeOther($"{page}?{Sid}={session.Id}"), request, session)
            : LoginPage(login.StatusCode, language, account.Name, language.Format(AccountPageTexts.RegisteredButNotEntered, ("reason", login.Error?.In(language))));
    }

    /// <summary>Shows the password form of the session its form names (GET), or takes it (POST).</summary>
    public async Task<HttpResponse> PasswordAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var post = request.Method == "POST";
        var form = post ? FormDecoder.Decode(request.Body) : FormDecoder.Decode(request.Query);
        if (!_pages.TryFindSession(request, Field(form, Sid), out var session, out var refusal))
        {
            return refusal;
        }

        if (!_pages.Engine.Accounts.MayChangePassword(session))
        {
            return _pages.Error(session.Language, 403, LocalText.Of(AccountPageTexts.OnlyRegisteredChangePasswords));
        }

        if (!post)
        {
            return PasswordPage(200, session, null, changed: Field(form, "changed") == "1");
        }

        var outcome = await _pages.Commands.Accounts.ChangePasswordAsync(session.Id, Field(form, "current"), Field(form, "password"), Field(form, "confirm"), cancellationToken).ConfigureAwait(false);
        return outcome.Value is null
            ? PasswordPage(outcome.StatusCode, session, outcome.Error?.In(session.Language), changed: false)
            : ChatResponses.SeeOther($"{ChatRoutes.Password}?{Sid}={session.Id}&changed=1");
    }

    /// <summary>Ends the session and drops its cookie; a session that has already ended just goes back to the login page.</summary>
    public async ValueTask<HttpResponse> LeaveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var sessionId = Field(FormDecoder.Decode(request.Body), Sid);
        if (_pages.TryFindSession(request, sessionId, out var session, out var refusal))
        {
            await _pages.Commands.Accounts.LogOutAsync(session.Id, cancellationToken).ConfigureAwait(false);
        }
        else if (refusal.StatusCode != 404)
        {
            return refusal;
        }

        return _pages.Cookies.Withdraw(ChatResponses.SeeOther(ChatRoutes.Home), request, sessionId);
    }

    /// <summary>Keeps a language picked by link or form (one the chat speaks) in its cookie for a year, so later pages and logins start in it.</summary>
    private HttpResponse RememberLanguage(HttpResponse response, HttpRequest request, string picked) =>
        _pages.Languages.Find(picked) is { } language
            ? response.With(SetCookieHeader.Name, SetCookieHeader.Lasting(ChatLanguages.CookieName, language.Tag, PageCookieSeconds, request.IsHttps))
            : response;

    private RegisterPage RegisterModel(ChatLanguage language, string? name, string? error) =>
        new(_pages.Options.Title, name, error, _pages.Options.Limits.MinPasswordLength, _pages.Options.Limits.MaxPasswordLength)
        {
            MaxUserNameLength = _pages.Options.Limits.MaxUserNameLength,
            Language = language,
        };

    private HttpResponse PasswordPage(int statusCode, ChatSession session, string? error, bool changed) =>
        ChatResponses.Page(statusCode, _pages.Renderer.RenderPassword(new PasswordPage(_pages.PageOf(session), error, changed, _pages.Options.Limits.MinPasswordLength, _pages.Options.Limits.MaxPasswordLength) { Language = session.Language }));

    private static string Field(IReadOnlyDictionary<string, string> form, string name) => PageContext.Field(form, name);
}
