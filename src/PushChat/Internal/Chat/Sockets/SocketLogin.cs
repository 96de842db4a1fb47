using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using PushChat.Internal.Chat.Commands;
using PushChat.Internal.Chat.Services;
using PushChat.Internal.Chat.State;
using PushChat.Localization;
using PushChat.Localization.Keys;

namespace PushChat.Internal.Chat.Sockets;

/// <summary>
/// Takes a WebSocket connection's first message, which must prove a session: a login or a
/// registration (through the account commands, with the login page's budgets and lock-outs), a
/// session's id and token, or a <c>hello</c> on a connection the upgrade bound by its cookie.
/// Holds nothing of a connection; one instance serves every connection of a server at once.
/// </summary>
internal sealed class SocketLogin
{
    // One answer for an unknown session and a wrong token alike, so that trying ids tells nothing.
    private static readonly CommandRefusal NotProven = new(SocketCodes.Unauthenticated, 401, LocalText.Of(SocketTexts.NotProven));

    private static readonly CommandRefusal NotFirst = new(SocketCodes.Unauthenticated, 401, LocalText.Of(SocketTexts.NotFirst));

    private static readonly CommandRefusal NoCookie = new(SocketCodes.Unauthenticated, 401, LocalText.Of(SocketTexts.NoCookie));

    private readonly ChatEngine _engine;

    public SocketLogin(ChatEngine engine) => _engine = engine;

    /// <summary>
    /// Reads and runs the first message of a connection from <paramref name="client"/> (the address
    /// as the server sees it, after trusted proxies). <paramref name="boundSession"/> is the session
    /// the upgrade bound by its cookie, null for a connection without one.
    /// </summary>
    public Task<SocketLoginResult> StartAsync(ReadOnlyMemory<byte> message, IPEndPoint client, ChatSession? boundSession, CancellationToken cancellationToken) =>
        StartAsync(message, client, boundSession, null, cancellationToken);

    /// <summary>
    /// As above, with the language of the upgrade request (its cookie or Accept-Language; null for
    /// the default): refusals are worded in it, and a login that asks for no language of its own
    /// reads the chat in it.
    /// </summary>
    public async Task<SocketLoginResult> StartAsync(ReadOnlyMemory<byte> message, IPEndPoint client, ChatSession? boundSession, ChatLanguage? requestLanguage, CancellationToken cancellationToken)
    {
        var connection = requestLanguage ?? _engine.State.Languages.Default;
        var read = ClientMessageReader.Read(message);
        if (read.Message is not { } first)
        {
            return Refused(read.Id, read.Refusal!, connection);
        }

        // A login's own "language" wins over the request's; a tag the server lacks is as none.
        var language = _engine.State.Languages.Find(first.Language) ?? connection;
        return first.Type switch
        {
            ClientMessageType.Login => await LogInAsync(first, client, language, cancellationToken).ConfigureAwait(false),
            ClientMessageType.Register => await RegisterAsync(first, client, language, cancellationToken).ConfigureAwait(false),
            ClientMessageType.Resume => await ResumeAsync(first, language, cancellationToken).ConfigureAwait(false),
            ClientMessageType.Hello => Hello(first, boundSession, language),
            _ => Refused(first.Id, NotFirst, language),
        };
    }

    private async Task<SocketLoginResult> LogInAsync(ClientMessage login, IPEndPoint client, ChatLanguage language, CancellationToken cancellationToken)
    {
        // No password is a guest's login, as an empty password field on the login page.
        var outcome = await _engine.Commands.Accounts.LogInAsync(login.Name!, login.Password ?? string.Empty, client, login.Room, cancellationToken, language.Tag).ConfigureAwait(false);
        return outcome.Value is { } session ? Welcome(session, login, withToken: true) : Refused(login.Id, outcome.Refusal!, language);
    }

    /// <summary>Registers and logs in, as the register page does: a bot that made an account means to use it.</summary>
    private async Task<SocketLoginResult> RegisterAsync(ClientMessage register, IPEndPoint client, ChatLanguage language, CancellationToken cancellationToken)
    {
        var accounts = _engine.Commands.Accounts;
        var registered = await accounts.RegisterAsync(register.Name!, register.Password!, register.Password!, client, cancellationToken).ConfigureAwait(false);
        if (registered.Value is not { } account)
        {
            return Refused(register.Id, registered.Refusal!, language);
        }

        var login = await accounts.LogInAsync(account.Name, register.Password!, client, register.Room, cancellationToken, language.Tag).ConfigureAwait(false);
        return login.Value is { } session
            ? Welcome(session, register, withToken: true)
            : Refused(register.Id, login.Refusal! with { Message = LocalText.Of(SocketTexts.AccountReadyButRefused, ("reason", login.Refusal!.Message)) }, language);
    }

    private async Task<SocketLoginResult> ResumeAsync(ClientMessage resume, ChatLanguage language, CancellationToken cancellationToken)
    {
        if (_engine.Node is { } node && _engine.Sessions.Find(resume.Session) is null)
        {
            // A session another node started a moment ago: known here once this node caught up.
            await node.Bus.CatchUpAsync(cancellationToken).ConfigureAwait(false);
        }

        var session = _engine.Sessions.Find(resume.Session);
        var proven = SessionTokens.Match(resume.Token!, session is { Ended: false } ? session.BrowserSecret : null);
        return proven ? Welcome(session!, resume, withToken: true) : Refused(resume.Id, NotProven, language);
    }

    /// <summary>
    /// A browser's page on a connection the upgrade bound to its session by the cookie. The welcome
    /// leaves the token out: the cookie holding it is kept from the page's scripts, and an answer
    /// the scripts read must not hand it over.
    /// </summary>
    private SocketLoginResult Hello(ClientMessage hello, ChatSession? boundSession, ChatLanguage language)
    {
        if (boundSession is null)
        {
            return Refused(hello.Id, NoCookie, language);
        }

        return _engine.Sessions.Find(boundSession.Id) is { Ended: false } session && ReferenceEquals(session, boundSession)
            ? Welcome(session, hello, withToken: false)
            : Refused(hello.Id, CommandOutcome<ChatSession>.SessionEnded().Refusal!, boundSession.Language);
    }

    private static SocketLoginResult Welcome(ChatSession session, ClientMessage first, bool withToken) =>
        SocketLoginResult.Accepted(session, SocketAnswers.Welcome(session, first.Id, withToken), first.After);

    private static SocketLoginResult Refused(MessageId id, CommandRefusal refusal, ChatLanguage language) => SocketLoginResult.Refused(SocketAnswers.Error(id, refusal, language));
}
