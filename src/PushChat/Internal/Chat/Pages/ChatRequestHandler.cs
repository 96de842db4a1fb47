using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using PushChat.Internal.Chat.Services;
using PushChat.Internal.Chat.State;
using PushChat.Internal.Http;
using PushChat.Internal.Infrastructure;
using PushChat.Localization;
using PushChat.Localization.Keys;

namespace PushChat.Internal.Chat.Pages;

/// <summary>
/// Maps the chat's routes (see <see cref="ChatRoutes"/>) to their pages, after the checks every
/// request passes (host name, method, cross-site forms, form encoding). The pages are
/// <see cref="AccountPages"/>, <see cref="TalkPages"/>, <see cref="RoomPages"/> and
/// <see cref="ModerationPages"/>; what they change goes through the chat's commands.
/// </summary>
internal sealed class ChatRequestHandler : IHttpHandler
{
    private const string Sid = ChatRoutes.SessionParameter;

    private static readonly byte[] TalkScript = Encoding.UTF8.GetBytes("document.getElementById('text')?.focus();\n");

    private readonly PageContext _pages;
    private readonly HostFilter _hosts;
    private readonly CrossSiteCheck _crossSite;
    private readonly AccountPages _accounts;
    private readonly TalkPages _talk;
    private readonly StreamPages _streams;
    private readonly RoomPages _rooms;
    private readonly ModerationPages _moderation;
    private readonly AppPages _app;
    private readonly byte[] _styleSheet;
    private readonly ILogger _logger;

    public ChatRequestHandler(ChatEngine engine, ILogger logger)
    {
        _logger = logger;
        _pages = new PageContext(engine, logger);
        _hosts = new HostFilter(engine.Options.AllowedHosts, engine.Options.ListenAddress);
        _crossSite = new CrossSiteCheck(engine.Options.AllowedOrigins);
        _accounts = new AccountPages(_pages);
        _talk = new TalkPages(_pages);
        _streams = new StreamPages(_pages);
        _rooms = new RoomPages(_pages, _talk);
        _moderation = new ModerationPages(_pages);
        _app = new AppPages(_pages);
        _styleSheet = Encoding.UTF8.GetBytes(engine.Renderer.StyleSheet + RoleMarkStyles.For(engine.State.Languages));
    }

    public async ValueTask HandleAsync(HttpRequest request, IHttpConnection connection, CancellationToken cancellationToken)
    {
        HttpResponse? response;
        try
        {
            await KnowSessionAsync(request, cancellationToken).ConfigureAwait(false);
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
            response = ChatResponses.Text(500, _pages.LanguageOf(request).Format(ErrorPageTexts.ServerFailed) + "\n");
            response.CloseConnection = true;
        }

        if (response is not null)
        {
            connection.Send(response, request);
        }
    }

    // A request too malformed to read has no language to go by: the chat's default, with the HTTP layer's words.
    public HttpResponse CreateErrorResponse(int statusCode, string message) => _pages.Error(_pages.Languages.Default, statusCode, LocalText.Plain(message));

    /// <summary>A static file of the chat's, cached for an hour.</summary>
    internal static HttpResponse Asset(string contentType, byte[] content) =>
        new HttpResponse(200, contentType, content).With("Cache-Control", "public, max-age=3600").With("X-Content-Type-Options", "nosniff");

    /// <summary>
    /// On a node of a scaled-out chat, a request may follow one that another node answered a moment
    /// ago (a load balancer sends the browser's next request anywhere): before it answers a form
    /// (a login, a line, a move), or a page of a session it does not know, the node applies every
    /// change stored so far, so the session, its lock-outs and budgets are here as they are there.
    /// </summary>
    private Task KnowSessionAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (_pages.Engine.Node is not { } node)
        {
            return Task.CompletedTask;
        }

        if (request.Method == "POST")
        {
            return node.Bus.CatchUpAsync(cancellationToken);
        }

        var sid = Field(FormDecoder.Decode(request.Query), Sid);
        return sid.Length > 0 && _pages.Engine.State.Sessions.Find(sid) is null ? node.Bus.CatchUpAsync(cancellationToken) : Task.CompletedTask;
    }

    private async ValueTask<HttpResponse?> RouteAsync(HttpRequest request, IHttpConnection connection, CancellationToken cancellationToken) =>
        !_hosts.Allows(request.Host) ? _pages.Error(request, 421, LocalText.Of(ErrorPageTexts.UnknownHost)) : request.Path switch
        {
            ChatRoutes.Home => Get(request) ?? _accounts.Home(request),
            ChatRoutes.Login => Post(request) ?? await _accounts.LoginAsync(request, connection.RemoteEndPoint, cancellationToken).ConfigureAwait(false),
            ChatRoutes.Register => Form(request) ?? await _accounts.RegisterAsync(request, connection.RemoteEndPoint, cancellationToken).ConfigureAwait(false),
            ChatRoutes.Password => Form(request) ?? await _accounts.PasswordAsync(request, cancellationToken).ConfigureAwait(false),
            ChatRoutes.Room => Get(request) ?? WithSession(request, _talk.Frameset),
            ChatRoutes.App => Get(request) ?? WithSession(request, _app.Page),
            ChatRoutes.AppScript => Get(request) ?? Asset("text/javascript; charset=utf-8", AppPages.Script),
            ChatRoutes.AppText => Get(request) ?? Asset("text/javascript; charset=utf-8", AppTexts.Script(_pages.LanguageOf(request, PageContext.Field(FormDecoder.Decode(request.Query), "lang")))),
            ChatRoutes.AppStyleSheet => Get(request) ?? Asset("text/css; charset=utf-8", AppPages.StyleSheet),
            ChatRoutes.Chat => Get(request) ?? _streams.OpenChat(request, connection),
            ChatRoutes.Events => Get(request) ?? _streams.OpenEvents(request, connection),
            ChatRoutes.WebSocket => _streams.OpenWebSocket(request, connection, cancellationToken),
            ChatRoutes.Talk => Get(request) ?? WithSession(request, session => _talk.Talk(request, session)),
            ChatRoutes.Say => Post(request) ?? await _talk.SayAsync(request, cancellationToken).ConfigureAwait(false),
            ChatRoutes.Names => Get(request) ?? _rooms.Names(request, connection),
            ChatRoutes.Join => Post(request) ?? await _rooms.JoinAsync(request, connection, cancellationToken).ConfigureAwait(false),
            ChatRoutes.Leave => Post(request) ?? await _accounts.LeaveAsync(request, cancellationToken).ConfigureAwait(false),
            ChatRoutes.Ignore => Post(request) ?? await _rooms.IgnoreAsync(request, cancellationToken).ConfigureAwait(false),
            ChatRoutes.StyleSheet => Get(request) ?? Asset("text/css; charset=utf-8", _styleSheet),
            ChatRoutes.TalkScript => Get(request) ?? Asset("text/javascript; charset=utf-8", TalkScript),
            ChatRoutes.Lines => Get(request) ?? WithSession(request, session => _rooms.LinesPage(200, session, null)),
            ChatRoutes.Delete => Post(request) ?? await _rooms.DeleteLineAsync(request, cancellationToken).ConfigureAwait(false),
            ChatRoutes.Moderate => request.Method == "POST" ? Post(request) ?? await ModerateAsync(request, cancellationToken).ConfigureAwait(false) : Get(request) ?? WithSession(request, _moderation.Page),
            ChatRoutes.HiddenLine => Get(request) ?? _rooms.HiddenLine(request),
            ChatRoutes.Health => Get(request) ?? ChatResponses.Text(200, "ok\n"),
            _ => _pages.Error(request, 404, LocalText.Of(ErrorPageTexts.NoSuchPage)),
        };

    private HttpResponse? Get(HttpRequest request) =>
        request.Method is "GET" or "HEAD" ? null : MethodNotAllowed(request, "GET, HEAD");

    private HttpResponse? Post(HttpRequest request)
    {
        if (request.Method != "POST")
        {
            return MethodNotAllowed(request, "POST");
        }

        if (_crossSite.IsCrossSite(request))
        {
            return _pages.Error(request, 403, LocalText.Of(ErrorPageTexts.CrossSiteForm), offerLogin: true);
        }

        // A POST without a body (RFC 9112 §6.3) is an empty form, whatever it says it is.
        var contentType = request.Headers["Content-Type"];
        var mediaType = contentType?.Split(';')[0].Trim();
        return request.Body.Length == 0 || string.Equals(mediaType, "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            ? null
            : ChatResponses.Text(415, _pages.LanguageOf(request).Format(ErrorPageTexts.FormEncoding) + "\n");
    }

    /// <summary>A page that shows a form (GET, HEAD) and takes it (POST).</summary>
    private HttpResponse? Form(HttpRequest request) =>
        request.Method is "GET" or "HEAD" ? null : request.Method == "POST" ? Post(request) : MethodNotAllowed(request, "GET, HEAD, POST");

    private HttpResponse MethodNotAllowed(HttpRequest request, string allow) =>
        ChatResponses.Text(405, _pages.LanguageOf(request).Format(ErrorPageTexts.MethodNotAllowed, ("methods", allow)) + "\n").With("Allow", allow);

    private async ValueTask<HttpResponse> ModerateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var form = FormDecoder.Decode(request.Body);
        return _pages.TryFindSession(request, Field(form, Sid), out var session, out var refusal) ? await _moderation.ActAsync(session, form, cancellationToken).ConfigureAwait(false) : refusal;
    }

    private HttpResponse WithSession(HttpRequest request, Func<ChatSession, HttpResponse> page) =>
        _pages.TryFindSession(request, Field(FormDecoder.Decode(request.Query), Sid), out var session, out var refusal) ? page(session) : refusal;

    private static string Field(IReadOnlyDictionary<string, string> form, string name) => PageContext.Field(form, name);
}
