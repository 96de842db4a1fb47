using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using PushChat.Internal.Chat.Commands;
using PushChat.Internal.Chat.Policy;
using PushChat.Internal.Http;
using PushChat.Internal.Infrastructure;
using PushChat.Internal.Transport;
using PushChat.Rendering;

namespace PushChat.Internal.Chat;

/// <summary>Maps the chat's routes (see <see cref="ChatRoutes"/>) to engine actions and rendered pages; the account and moderation pages are <see cref="AccountPages"/> and <see cref="ModerationPages"/>.</summary>
internal sealed class ChatRequestHandler : IHttpHandler
{
    private const string Sid = ChatRoutes.SessionParameter;

    // A names frame lists this many users of a large room, then a count: 10,000 names are no use to a reader and cost every refresh.
    private const int NamesPageSize = 100;

    private static readonly byte[] TalkScript = Encoding.UTF8.GetBytes("document.getElementById('text')?.focus();\n");

    // The talk frame's "to" picker lists at most this many names; /msg reaches everyone.
    private const int MaxRecipients = 100;

    private readonly ChatEngine _engine;
    private readonly TalkCommands _talk;
    private readonly HostFilter _hosts;
    private readonly CrossSiteCheck _crossSite;
    private readonly AccountPages _accounts;
    private readonly ModerationPages _moderation;
    private readonly SessionCookies _cookies;
    private readonly LogThrottle _cookieLog;
    private readonly IPageRenderer _renderer;
    private readonly ChatServerOptions _options;
    private readonly byte[] _styleSheet;
    private readonly ILogger _logger;

    public ChatRequestHandler(ChatEngine engine, ILogger logger)
    {
        _logger = logger;
        _engine = engine;
        _talk = new TalkCommands(engine);
        _hosts = new HostFilter(engine.Options.AllowedHosts, engine.Options.ListenAddress);
        _crossSite = new CrossSiteCheck(engine.Options.AllowedOrigins);
        _moderation = new ModerationPages(engine, _talk.Moderation, (status, message) => Error(status, message), PageOf);
        _cookies = new SessionCookies(engine.Options.RequireSessionCookie, secure: engine.Options.Certificate is not null);
        _accounts = new AccountPages(engine, _cookies, (status, message, offerLogin) => Error(status, message, offerLogin), PageOf);
        _cookieLog = new LogThrottle(engine.Time);
        _renderer = engine.Renderer;
        _options = engine.Options;
        _styleSheet = Encoding.UTF8.GetBytes(_renderer.StyleSheet);
    }

    public async ValueTask HandleAsync(HttpRequest request, HttpConnection connection, CancellationToken cancellationToken)
    {
        HttpResponse? response;
        try
        {
            response = await RouteAsync(request, connection, cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException)
        {
            throw;
        }
#pragma warning disable CA1031 // A failing page (for example a broken custom renderer) gets a 500, not a dropped connection.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.RequestFailed(_logger, request.Method, request.Path, ex);
            response = ChatResponses.Text(500, "Something went wrong on the server. Please try again.\n");
            response.CloseConnection = true;
        }

        if (response is not null)
        {
            connection.Send(response, request);
        }
    }

    public HttpResponse CreateErrorResponse(int statusCode, string message) => Error(statusCode, message);

    private async ValueTask<HttpResponse?> RouteAsync(HttpRequest request, HttpConnection connection, CancellationToken cancellationToken) =>
        !_hosts.Allows(request.Host) ? Error(421, "This chat does not answer for that host name.") : request.Path switch
        {
            ChatRoutes.Home => Get(request) ?? _accounts.LoginPage(200, null, null),
            ChatRoutes.Login => Post(request) ?? await _accounts.LoginAsync(request, connection, cancellationToken).ConfigureAwait(false),
            ChatRoutes.Register => Form(request) ?? await _accounts.RegisterAsync(request, connection, cancellationToken).ConfigureAwait(false),
            ChatRoutes.Password => Form(request) ?? await PasswordAsync(request, cancellationToken).ConfigureAwait(false),
            ChatRoutes.Room => Get(request) ?? WithSession(request, session => ChatResponses.Page(200, _renderer.RenderFrameset(PageOf(session)))),
            ChatRoutes.Chat => Get(request) ?? OpenChat(request, connection),
            ChatRoutes.Talk => Get(request) ?? WithSession(request, session => TalkPage(200, session, TalkFields(FormDecoder.Decode(request.Query)), null)),
            ChatRoutes.Say => Post(request) ?? await SayAsync(request, cancellationToken).ConfigureAwait(false),
            ChatRoutes.Names => Get(request) ?? WithSession(request, Names),
            ChatRoutes.Join => Post(request) ?? Join(request),
            ChatRoutes.Leave => Post(request) ?? Leave(request),
            ChatRoutes.Ignore => Post(request) ?? Ignore(request),
            ChatRoutes.StyleSheet => Get(request) ?? Asset("text/css; charset=utf-8", _styleSheet),
            ChatRoutes.TalkScript => Get(request) ?? Asset("text/javascript; charset=utf-8", TalkScript),
            ChatRoutes.Lines => Get(request) ?? WithSession(request, session => LinesPage(200, session, null)),
            ChatRoutes.Delete => Post(request) ?? DeleteLine(request),
            ChatRoutes.Moderate => request.Method == "POST" ? Post(request) ?? Moderate(request) : Get(request) ?? WithSession(request, _moderation.Page),
            ChatRoutes.HiddenLine => Get(request) ?? HiddenLine(request),
            ChatRoutes.Health => Get(request) ?? ChatResponses.Text(200, "ok\n"),
            _ => Error(404, "There is no such page here."),
        };

    private static HttpResponse? Get(HttpRequest request) =>
        request.Method is "GET" or "HEAD" ? null : MethodNotAllowed("GET, HEAD");

    private HttpResponse? Post(HttpRequest request)
    {
        if (request.Method != "POST")
        {
            return MethodNotAllowed("POST");
        }

        if (_crossSite.IsCrossSite(request))
        {
            return Error(403, "This form was sent from another web site, so the chat did not act on it. Open the chat at its own address and try again.", offerLogin: true);
        }

        // A POST without a body (RFC 9112 §6.3) is an empty form, whatever it says it is.
        var contentType = request.Headers["Content-Type"];
        var mediaType = contentType?.Split(';')[0].Trim();
        return request.Body.Length == 0 || string.Equals(mediaType, "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            ? null
            : ChatResponses.Text(415, "Send the form as application/x-www-form-urlencoded.\n");
    }

    /// <summary>A page that shows a form (GET, HEAD) and takes it (POST).</summary>
    private HttpResponse? Form(HttpRequest request) =>
        request.Method is "GET" or "HEAD" ? null : request.Method == "POST" ? Post(request) : MethodNotAllowed("GET, HEAD, POST");

    private static HttpResponse Asset(string contentType, byte[] content) =>
        new HttpResponse(200, contentType, content).With("Cache-Control", "public, max-age=3600").With("X-Content-Type-Options", "nosniff");

    private static HttpResponse MethodNotAllowed(string allow) =>
        ChatResponses.Text(405, $"This page accepts only {allow}.\n").With("Allow", allow);

    /// <summary>The password page of the session its form names; the page itself is <see cref="AccountPages"/>'s.</summary>
    private async Task<HttpResponse> PasswordAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var post = request.Method == "POST";
        var form = post ? FormDecoder.Decode(request.Body) : FormDecoder.Decode(request.Query);
        return TryFindSession(request, Field(form, Sid), out var session, out var refusal)
            ? await _accounts.PasswordAsync(session, form, post, cancellationToken).ConfigureAwait(false)
            : refusal;
    }

    private HttpResponse? OpenChat(HttpRequest request, HttpConnection connection)
    {
        if (!TryFindSession(request, Field(FormDecoder.Decode(request.Query), Sid), out var session, out var refusal))
        {
            return refusal;
        }

        if (request.IsHead)
        {
            return ChatResponses.Page(200, string.Empty);
        }

        var head = Encoding.UTF8.GetBytes(_renderer.RenderChatStart(PageOf(session)));
        connection.StartStream(ChatResponses.StreamHead(), request);
        if (!_engine.OpenStream(session, connection, head))
        {
            // The session ended between the lookup and now.
            connection.EndStream(ReadOnlyMemory<byte>.Empty);
        }

        return null;
    }

    private async Task<HttpResponse> SayAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var form = FormDecoder.Decode(request.Body);
        if (!TryFindSession(request, Field(form, Sid), out var session, out var refusal))
        {
            return refusal;
        }

        var talk = TalkFields(form);
        var outcome = await _talk.RunAsync(session, talk, cancellationToken).ConfigureAwait(false);
        if (outcome.Value is null)
        {
            return TalkPage(outcome.StatusCode, session, talk, outcome.Error);
        }

        // The talk frame keeps a whisper's target picked, so a private conversation goes on.
        var keep = talk.To.Length != 0 && talk.Private && talk.Action.Length == 0 ? $"&to={Uri.EscapeDataString(talk.To)}&private=1" : string.Empty;
        return ChatResponses.SeeOther($"{ChatRoutes.Talk}?{Sid}={session.Id}{keep}");
    }

    private HttpResponse Ignore(HttpRequest request)
    {
        var form = FormDecoder.Decode(request.Body);
        if (!TryFindSession(request, Field(form, Sid), out var session, out var refusal))
        {
            return refusal;
        }

        var outcome = _engine.SetIgnored(session, Field(form, "name"), ignore: Field(form, "ignore") != "0");
        return outcome.Value is null
            ? Error(outcome.StatusCode, outcome.Error!)
            : ChatResponses.SeeOther($"{ChatRoutes.Names}?{Sid}={session.Id}");
    }

    private HttpResponse Names(ChatSession session) => Names(200, session, null);

    private HttpResponse Names(int statusCode, ChatSession session, string? error)
    {
        _engine.Touch(session);
        var users = new List<ChatUserInfo>();
        var total = 0;
        foreach (var user in _engine.OnlineUsers())
        {
            if (user.Room == session.Room.Name && ++total <= NamesPageSize)
            {
                users.Add(user);
            }
        }

        var page = new NamesPage(PageOf(session), users, total, _engine.RoomList(), _options.NamesRefreshInterval, _engine.Now, error) { Ignored = session.Ignored.ToArray() };
        return ChatResponses.Page(statusCode, _renderer.RenderNames(page));
    }

    /// <summary>Moves the session, then shows the frame the form came from again; the chat frame goes on in the new room.</summary>
    private HttpResponse Join(HttpRequest request)
    {
        var form = FormDecoder.Decode(request.Body);
        if (!TryFindSession(request, Field(form, Sid), out var session, out var refusal))
        {
            return refusal;
        }

        var outcome = _engine.JoinRoom(session, Field(form, "room"));
        var talk = Field(form, "frame") == "talk";
        if (outcome.Value is null)
        {
            return talk ? TalkPage(outcome.StatusCode, session, TalkFields(form), outcome.Error) : Names(outcome.StatusCode, session, outcome.Error);
        }

        return ChatResponses.SeeOther($"{(talk ? ChatRoutes.Talk : ChatRoutes.Names)}?{Sid}={session.Id}");
    }

    /// <summary>Ends the session and drops its cookie; a session that has already ended just goes back to the login page.</summary>
    private HttpResponse Leave(HttpRequest request)
    {
        var sessionId = Field(FormDecoder.Decode(request.Body), Sid);
        if (TryFindSession(request, sessionId, out var session, out var refusal))
        {
            _engine.Leave(session, ChatLeaveReason.Left);
        }
        else if (refusal.StatusCode != 404)
        {
            return refusal;
        }

        return _cookies.Withdraw(ChatResponses.SeeOther(ChatRoutes.Home), request, sessionId);
    }

    private HttpResponse DeleteLine(HttpRequest request)
    {
        var form = FormDecoder.Decode(request.Body);
        if (!TryFindSession(request, Field(form, Sid), out var session, out var refusal))
        {
            return refusal;
        }

        if (!long.TryParse(Field(form, "seq"), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return Error(400, "Say which line to delete.");
        }

        var deleted = _engine.DeleteLine(session, Field(form, "room"), sequence);
        return deleted.IsRefused
            ? LinesPage(deleted.StatusCode, session, deleted.Refusal)
            : ChatResponses.SeeOther($"{ChatRoutes.Lines}?{Sid}={session.Id}");
    }

    private HttpResponse LinesPage(int statusCode, ChatSession session, string? error)
    {
        if (!ChatPolicy.MayInOwnRoom(session, ChatAct.DeleteLine))
        {
            return Error(403, ChatPolicy.OnlyWho(ChatAct.DeleteLine, session.Room.Name));
        }

        var lines = _engine.State.History(session.Room, session);
        return ChatResponses.Page(statusCode, _renderer.RenderLines(new LinesPage(PageOf(session), lines, error)));
    }

    private HttpResponse HiddenLine(HttpRequest request)
    {
        var query = FormDecoder.Decode(request.Query);
        var room = Field(query, "room");
        return room.Length > 0 && long.TryParse(Field(query, "seq"), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? Asset("text/css; charset=utf-8", Encoding.UTF8.GetBytes(_renderer.RenderHiddenLineStyle(room, sequence)))
            : ChatResponses.Text(400, "Name the room and the line to hide.\n");
    }

    private HttpResponse Moderate(HttpRequest request)
    {
        var form = FormDecoder.Decode(request.Body);
        return TryFindSession(request, Field(form, Sid), out var session, out var refusal) ? _moderation.Act(session, form) : refusal;
    }

    private HttpResponse WithSession(HttpRequest request, Func<ChatSession, HttpResponse> page) =>
        TryFindSession(request, Field(FormDecoder.Decode(request.Query), Sid), out var session, out var refusal) ? page(session) : refusal;

    /// <summary>
    /// The session a request names, when the request comes from the browser the session belongs
    /// to; otherwise the answer to give instead, and nothing of the session is touched.
    /// </summary>
    private bool TryFindSession(HttpRequest request, string sessionId, [NotNullWhen(true)] out ChatSession? session, [NotNullWhen(false)] out HttpResponse? refusal)
    {
        session = _engine.Find(sessionId);
        if (session is null)
        {
            refusal = SessionEnded(request, sessionId);
            return false;
        }

        if (!_cookies.Admits(request, session))
        {
            if (_cookieLog.TryEnter(out var skipped))
            {
                Log.SessionCookieMissing(_logger, request.Path, session.UserName, skipped);
            }

            session = null;
            refusal = OtherBrowser();
            return false;
        }

        refusal = null;
        return true;
    }

    private HttpResponse TalkPage(int statusCode, ChatSession session, TalkRequest talk, string? error)
    {
        var draft = error is null ? null : talk.Text;
        var recipients = _engine.OnlineUsers().Where(u => u.Room == session.Room.Name && u.Name != session.UserName).Take(MaxRecipients).Select(u => u.Name).ToArray();
        var page = new TalkPage(PageOf(session), draft, error, _options.Limits.MaxMessageLength)
        {
            Recipients = recipients,
            Target = talk.To.Length == 0 ? null : talk.To,
            IsPrivate = talk.Private,
            Color = session.Color,
            Colors = ColorPalette.Choices,
            Actions = CannedActions.Choices,
            CanDeleteLines = ChatPolicy.MayInOwnRoom(session, ChatAct.DeleteLine),
            CanChangePassword = _engine.Accounts.MayChangePassword(session),
            CanModerate = ChatEngine.MayModerate(session),
        };
        return ChatResponses.Page(statusCode, _renderer.RenderTalk(page));
    }

    private static TalkRequest TalkFields(IReadOnlyDictionary<string, string> form) =>
        new(Field(form, "text"), Field(form, "to").Trim(), Field(form, "private") is "1" or "on", Field(form, "action").Trim(), Field(form, "color").Trim());

    /// <summary>404 for a session that has ended; the browser may drop the session's cookie.</summary>
    private HttpResponse SessionEnded(HttpRequest request, string sessionId) =>
        _cookies.Withdraw(Error(404, "This chat session has ended or never existed. Please log in again.", offerLogin: true), request, sessionId);

    /// <summary>
    /// 403 for a session link without its cookie: the link was copied to another browser, or it
    /// was opened from another web site, whose links never send a SameSite=Strict cookie. The
    /// address bar starts a navigation of the browser's own, which does.
    /// </summary>
    private HttpResponse OtherBrowser() =>
        Error(403, "This chat link belongs to another browser. Log in again from the start page. If it is your own chat and you followed a link from another web site, click in the address bar and press Enter to open it here.", offerLogin: true);

    private HttpResponse Error(int statusCode, string message, bool offerLogin = false)
    {
        try
        {
            return ChatResponses.Page(statusCode, _renderer.RenderError(new ErrorPage(_options.Title, statusCode, message, offerLogin)));
        }
#pragma warning disable CA1031 // An error must be answered even when its page cannot be drawn.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.RendererFailed(_logger, ex);
            return ChatResponses.Text(statusCode, message + "\n");
        }
    }

    private SessionPage PageOf(ChatSession session) => new(_options.Title, session.Id, session.UserName, session.Room.Name);

    /// <summary>A form's field, empty when the form lacks it; the account pages read their forms the same way.</summary>
    internal static string Field(IReadOnlyDictionary<string, string> form, string name) =>
        form.TryGetValue(name, out var value) ? value : string.Empty;
}
