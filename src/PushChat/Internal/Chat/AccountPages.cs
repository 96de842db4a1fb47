using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using PushChat.Internal.Http;
using PushChat.Rendering;

namespace PushChat.Internal.Chat;

/// <summary>
/// The account pages (<see cref="ChatRoutes.Home"/>, <see cref="ChatRoutes.Login"/>,
/// <see cref="ChatRoutes.Register"/>, <see cref="ChatRoutes.Password"/>): the login form, making an
/// account and changing a password, the pages through which a user gets a session rather than
/// uses one. Kept apart from <see cref="ChatRequestHandler"/>, which routes to them, as
/// <see cref="ModerationPages"/> is.
/// </summary>
internal sealed class AccountPages
{
    private const string Sid = ChatRoutes.SessionParameter;

    private readonly ChatEngine _engine;
    private readonly TrustedProxies _proxies;
    private readonly SessionCookies _cookies;
    private readonly IPageRenderer _renderer;
    private readonly ChatServerOptions _options;
    private readonly Func<int, string, bool, HttpResponse> _error;
    private readonly Func<ChatSession, SessionPage> _pageOf;

    /// <summary>Creates the pages; <paramref name="error"/> draws an error page, offering the login page when its flag is set.</summary>
    public AccountPages(ChatEngine engine, SessionCookies cookies, Func<int, string, bool, HttpResponse> error, Func<ChatSession, SessionPage> pageOf)
    {
        _engine = engine;
        _proxies = new TrustedProxies(engine.Options.TrustedProxies);
        _cookies = cookies;
        _renderer = engine.Renderer;
        _options = engine.Options;
        _error = error;
        _pageOf = pageOf;
    }

    public HttpResponse LoginPage(int statusCode, string? name, string? error) =>
        ChatResponses.Page(statusCode, _renderer.RenderLogin(new LoginPage(_options.Title, name, error, _engine.GuestsInvited, _engine.RoomList()) { RegistrationOpen = _engine.Accounts.RegistrationOpen, MaxUserNameLength = _options.Limits.MaxUserNameLength }));

    public async Task<HttpResponse> LoginAsync(HttpRequest request, IHttpConnection connection, CancellationToken cancellationToken)
    {
        var form = FormDecoder.Decode(request.Body);
        var name = Field(form, "name");
        var outcome = await _engine.LoginAsync(name, Field(form, "password"), _proxies.ClientOf(request, connection.RemoteEndPoint), cancellationToken, Field(form, "room")).ConfigureAwait(false);
        if (outcome.Value is { } session)
        {
            return _cookies.Issue(ChatResponses.SeeOther($"{ChatRoutes.Room}?{Sid}={session.Id}"), request, session);
        }

        // A password for a name without an account: most likely someone who thinks they have one, so offer to make it.
        return outcome.StatusCode == 403 && Field(form, "password").Length != 0 && await _engine.Accounts.MayRegisterAsync(name, cancellationToken).ConfigureAwait(false)
            ? ChatResponses.Page(403, _renderer.RenderRegisterOffer(RegisterModel(UserNameRules.Normalize(name), outcome.Error)))
            : LoginPage(outcome.StatusCode, name, outcome.Error);
    }

    /// <summary>Registers and logs in, like a login: users expect to be in the chat once the account is made.</summary>
    public async Task<HttpResponse> RegisterAsync(HttpRequest request, IHttpConnection connection, CancellationToken cancellationToken)
    {
        if (!_engine.Accounts.RegistrationOpen)
        {
            return _error(404, "Registration is closed here.", true);
        }

        if (request.Method != "POST")
        {
            return ChatResponses.Page(200, _renderer.RenderRegister(RegisterModel(Field(FormDecoder.Decode(request.Query), "name"), null)));
        }

        var form = FormDecoder.Decode(request.Body);
        var (name, password) = (Field(form, "name"), Field(form, "password"));
        var registered = await _engine.Accounts.RegisterAsync(name, password, Field(form, "confirm"), _proxies.ClientOf(request, connection.RemoteEndPoint), cancellationToken).ConfigureAwait(false);
        if (registered.Value is not { } account)
        {
            return ChatResponses.Page(registered.StatusCode, _renderer.RenderRegister(RegisterModel(name, registered.Error)));
        }

        var login = await _engine.LoginAsync(account.Name, password, _proxies.ClientOf(request, connection.RemoteEndPoint), cancellationToken, Field(form, "room")).ConfigureAwait(false);
        return login.Value is { } session
            ? _cookies.Issue(ChatResponses.SeeOther($"{ChatRoutes.Room}?{Sid}={session.Id}"), request, session)
            : LoginPage(login.StatusCode, account.Name, $"Your account is ready, but you could not enter the chat: {login.Error}");
    }

    /// <summary>Shows the password form of a session the caller found from its form (GET), or takes it (POST).</summary>
    public async Task<HttpResponse> PasswordAsync(ChatSession session, IReadOnlyDictionary<string, string> form, bool post, CancellationToken cancellationToken)
    {
        if (!_engine.Accounts.MayChangePassword(session))
        {
            return _error(403, "Only registered users have a password to change.", false);
        }

        if (!post)
        {
            return PasswordPage(200, session, null, changed: Field(form, "changed") == "1");
        }

        var outcome = await _engine.Accounts.ChangePasswordAsync(session, Field(form, "current"), Field(form, "password"), Field(form, "confirm"), cancellationToken).ConfigureAwait(false);
        return outcome.Value is null
            ? PasswordPage(outcome.StatusCode, session, outcome.Error, changed: false)
            : ChatResponses.SeeOther($"{ChatRoutes.Password}?{Sid}={session.Id}&changed=1");
    }

    private RegisterPage RegisterModel(string? name, string? error) =>
        new(_options.Title, name, error, _options.Limits.MinPasswordLength, _options.Limits.MaxPasswordLength) { MaxUserNameLength = _options.Limits.MaxUserNameLength };

    private HttpResponse PasswordPage(int statusCode, ChatSession session, string? error, bool changed) =>
        ChatResponses.Page(statusCode, _renderer.RenderPassword(new PasswordPage(_pageOf(session), error, changed, _options.Limits.MinPasswordLength, _options.Limits.MaxPasswordLength)));

    private static string Field(IReadOnlyDictionary<string, string> form, string name) => ChatRequestHandler.Field(form, name);
}
