using System;
using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;
using PushChat.Authentication;
using PushChat.Filtering;
using PushChat.Localization;
using PushChat.Rendering;
using PushChat.Users;

namespace PushChat;

/// <summary>
/// How a <see cref="ChatServer"/> behaves. Bindable from configuration
/// (<c>services.AddPushChat()</c> with <c>services.Configure&lt;ChatServerOptions&gt;(config.GetSection("Chat"))</c>).
/// Validated when the server starts; changes after that have no effect.
/// </summary>
public sealed class ChatServerOptions
{
    private List<IMessageFilter> _messageFilters = new() { new FloodLimitFilter() };
    private List<string> _allowedHosts = new();
    private List<string> _allowedOrigins = new();
    private List<string> _trustedProxies = new();
    private List<ChatLanguage> _languages = new() { ChatLanguage.English, ChatLanguage.SimplifiedChinese };
    private List<string> _reservedNames = new() { "system", "admin", "administrator", "moderator", "server", "pushchat" };

    /// <summary>The IP address to listen on: <c>127.0.0.1</c> (default, this machine only), <c>0.0.0.0</c> or <c>::</c> (every interface), or any local address.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>The TCP port to listen on; 0 picks a free one (see <see cref="ChatServer.LocalEndPoint"/>). Default 9148, the port of the original push chat rooms.</summary>
    public int Port { get; set; } = 9148;

    /// <summary>
    /// The server's certificate, with its private key: when set, every connection speaks TLS 1.2 or
    /// 1.3 (the operating system picks the ciphers) and the chat is served over HTTPS only. Load
    /// one with <c>X509Certificate2.CreateFromPemFile</c> or from a PFX file. The handshake counts
    /// against <see cref="ChatServerLimits.FirstByteTimeout"/>: a client that has not finished it by
    /// then is closed. Default null: plain HTTP, for loopback use or behind a reverse proxy that ends TLS.
    /// </summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>
    /// The intermediate certificates between <see cref="Certificate"/> and a root that browsers
    /// trust, sent with it in every handshake: a browser that has not met the intermediate
    /// cannot verify the certificate without it. Import a CA's full-chain file whole
    /// (<c>CertificateChain.ImportFromPemFile("fullchain.pem")</c>): the certificate itself and
    /// any root in it are left out of what is sent. Only with <see cref="Certificate"/>. Default
    /// empty: only intermediates the operating system's stores hold are sent. The netstandard2.0
    /// build (.NET Framework, Mono) cannot take a chain from here: its TLS sends what the
    /// operating system's certificate stores hold, so install the intermediates there.
    /// </summary>
    public X509Certificate2Collection CertificateChain { get; private set; } = new();

    /// <summary>
    /// When set, HTTPS answers carry <c>Strict-Transport-Security: max-age=…</c> (RFC 6797), so
    /// browsers that saw it use HTTPS for this host name until the time runs out, whatever link
    /// they follow. Only with <see cref="Certificate"/>; a plain answer never carries it. Set it
    /// once HTTPS works on every name the chat answers for. Default null: not sent.
    /// </summary>
    public TimeSpan? HstsMaxAge { get; set; }

    /// <summary>
    /// A second, plain HTTP port on <see cref="ListenAddress"/> that answers every request with a
    /// 308 redirect to the same path over HTTPS on <see cref="Port"/>, for a name in
    /// <see cref="AllowedHosts"/>; nothing else is served on it. Only with <see cref="Certificate"/>;
    /// 0 picks a free port (see <see cref="ChatServer.HttpRedirectEndPoint"/>). Default null: no redirect port.
    /// </summary>
    public int? HttpRedirectPort { get; set; }

    /// <summary>
    /// The host names the chat answers for (the Host a browser sends, without its port); "*" for any.
    /// Other names get 421. Default empty: for a loopback <see cref="ListenAddress"/> only
    /// <c>localhost</c>, <c>127.0.0.1</c> and <c>[::1]</c>, so a web page whose name was pointed at
    /// this machine (DNS rebinding) cannot use the chat; for any other address every name. List the
    /// public names of a chat on the internet.
    /// </summary>
    public IList<string> AllowedHosts => _allowedHosts;

    /// <summary>
    /// Pages on other origins (<c>https://www.example.com</c>) whose forms may post to the chat.
    /// A form posted from anywhere else (its browser says so in <c>Origin</c> or
    /// <c>Sec-Fetch-Site</c>) gets 403, so another site cannot log a visitor in or speak for them.
    /// The chat's own pages never need listing; list the public origin when a proxy in front
    /// changes the Host it passes on. Default empty.
    /// </summary>
    public IList<string> AllowedOrigins => _allowedOrigins;

    /// <summary>
    /// Reverse proxies in front of the chat, as addresses or CIDR ranges (<c>127.0.0.1</c>,
    /// <c>10.0.0.0/8</c>, <c>fd00::/8</c>). For a request that comes through one of them the
    /// client is the last address in <c>X-Forwarded-For</c> that is not itself a trusted proxy, and
    /// that address is what sessions, limits, bans and logs see; their <c>X-Forwarded-Proto: https</c>
    /// makes the session cookie <c>Secure</c>. Default empty: the headers are ignored, since any
    /// client can send them.
    /// </summary>
    public IList<string> TrustedProxies => _trustedProxies;

    /// <summary>
    /// Whether each session works only in the browser that logged in. The login (or registration)
    /// sets a secret cookie for the session (<c>HttpOnly</c>, <c>SameSite=Strict</c>, <c>Path=/</c>,
    /// <c>Secure</c> and a <c>__Host-</c> name with <see cref="Certificate"/>, gone when the
    /// browser closes), and every request of the session must carry it: without it a session link
    /// (it is in every frame URL, so in proxy logs and browser histories) gets 403 and does
    /// nothing. Each session has its own cookie, so one browser still holds several sessions.
    /// Default true. Turn it off only for clients that keep no cookies (some bots and embedded
    /// viewers); the session id in the link is then all it takes to act as the user.
    /// </summary>
    public bool RequireSessionCookie { get; set; } = true;

    /// <summary>The chat's title on every page. Default "PushChat".</summary>
    public string Title { get; set; } = "PushChat";

    /// <summary>
    /// The languages the chat speaks, each reader in their own: pages, notices, command help and
    /// refusals. A reader gets the one they picked on the login page (kept in a cookie), else the
    /// best match for their browser's <c>Accept-Language</c>, else <see cref="DefaultLanguage"/>.
    /// Add your own <see cref="ChatLanguage"/>, or replace one with a copy whose texts you changed
    /// (<see cref="ChatLanguage.With(string, string)"/>). Default: English and Simplified Chinese.
    /// </summary>
    public IList<ChatLanguage> Languages => _languages;

    /// <summary>
    /// The tag of the language in <see cref="Languages"/> for readers whose browser asks for none
    /// the chat speaks; also the language of texts the host gets (refusals the
    /// <see cref="ChatServer"/> methods return, notices in events). Default <c>en</c>.
    /// </summary>
    public string DefaultLanguage { get; set; } = "en";

    /// <summary>The room every user joins. Default "Lobby".</summary>
    public string DefaultRoom { get; set; } = "Lobby";

    /// <summary>Whether users may open a room by joining a name no room has yet; they own the rooms they open. Default true.</summary>
    public bool AllowUserRooms { get; set; } = true;

    /// <summary>How long a room users opened may stay empty before it closes; the default room and rooms the host created never close by themselves. Default 5 minutes.</summary>
    public TimeSpan EmptyRoomGracePeriod { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Past this many users in a room, its join, leave and move notices are folded into at most one
    /// line a second ("Ann, Ben and 37 others joined."), so a crowd arriving costs each reader a
    /// line a second instead of a line per arrival. 0 folds always. Default 100.
    /// </summary>
    public int FoldNoticesAbove { get; set; } = 100;

    /// <summary>
    /// How many recent items each room's log keeps (lines, notices, topic changes, deletions), and
    /// each session's mailbox (whispers, notices to it alone): a reader who opens the chat gets the
    /// room's kept lines and its own private ones again. Default 100.
    /// </summary>
    public int HistoryLength { get; set; } = 100;

    /// <summary>
    /// Whether a name without an account may log in as a guest with an empty password (used by the
    /// default authenticator). The login page invites guests only when this is on and the server
    /// knows the accounts: with a host's <see cref="Authenticator"/> and no <see cref="UserStore"/>
    /// it offers neither guests nor registration, since that authenticator alone decides. Default true.
    /// </summary>
    public bool AllowGuests { get; set; } = true;

    /// <summary>
    /// Whether anyone may register an account from the login page (<see cref="ChatRoutes.Register"/>).
    /// Registration writes to <see cref="UserStore"/>; it is off, whatever this says, when the host
    /// set an <see cref="Authenticator"/> but no <see cref="UserStore"/>, since the server would not
    /// know where that authenticator keeps its accounts. Default true.
    /// </summary>
    public bool AllowRegistration { get; set; } = true;

    /// <summary>How often an idle chat stream gets a keep-alive comment, so proxies and servers in between do not time it out. Default 20 seconds.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How often an open names frame draws its list again when no one came, left or moved (a new
    /// list is sent then only if idle times or room counts changed); an open names frame proves the
    /// user is still there. Default 1 minute: the frame shows idle times in minutes, and a change
    /// of presence reaches it within seconds anyway.
    /// </summary>
    public TimeSpan NamesRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a new session may take to open its chat stream before it is removed. Default 15
    /// seconds: a browser opens the chat frame right after the login's redirect, within a second
    /// even on a slow mobile link; a session that does not only holds its name and place, and
    /// counts towards <see cref="ChatServerLimits.MaxUnopenedSessionsPerAddress"/> until it goes.
    /// </summary>
    public TimeSpan StreamOpenTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long after its chat stream closed a user stays in the room; a reopen within this time is not a leave. Default 15 seconds.</summary>
    public TimeSpan LeaveGracePeriod { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a session may show no sign of life (names refresh, a line) before it expires. Default 10 minutes.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long <see cref="ChatServer.StopAsync"/> waits for streams to take their last notice before closing them. Default 5 seconds.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a decision hook (<see cref="Authenticator"/>, <see cref="UserStore"/>, a message
    /// filter) may take; past it the hook's token fires and the user gets a clear refusal. Default
    /// 10 seconds: far above a password hash under load, far below a browser's patience.
    /// </summary>
    public TimeSpan HookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Decides who may log in. Default: the container's <see cref="IAuthenticator"/> when the server is registered with <c>AddPushChat</c>, otherwise a <see cref="UserStoreAuthenticator"/> over <see cref="UserStore"/>.</summary>
    public IAuthenticator? Authenticator { get; set; }

    /// <summary>Where accounts live. Default: the container's <see cref="IUserStore"/> when the server is registered with <c>AddPushChat</c>, otherwise a new <see cref="InMemoryUserStore"/>.</summary>
    public IUserStore? UserStore { get; set; }

    /// <summary>
    /// Names nobody may log in with, in any case or any look-alike spelling ("Admin", "аdmin" with
    /// a Cyrillic "а", "ADMIN" in full-width letters), so that nobody passes for the server or its
    /// staff. Add to the list, or remove a name to let an account of that name log in. Default:
    /// system, admin, administrator, moderator, server, pushchat.
    /// </summary>
    public IList<string> ReservedNames => _reservedNames;

    /// <summary>Filters run on every posted message, in order. Default: a <see cref="FloodLimitFilter"/>. A server registered with <c>AddPushChat</c> runs the container's <see cref="IMessageFilter"/>s after these.</summary>
    public IList<IMessageFilter> MessageFilters => _messageFilters;

    /// <summary>Renders every page and line. Default: the container's <see cref="IPageRenderer"/> when the server is registered with <c>AddPushChat</c>, otherwise <see cref="DefaultPageRenderer"/>; derive from it to change single pages.</summary>
    public IPageRenderer? PageRenderer { get; set; }

    /// <summary>
    /// Makes this server one node of a chat shared with other servers, which may run on other
    /// machines behind a load balancer with no sticky sessions: every node holds the same users,
    /// rooms, lines and moderation, in the same order. Default: none, the server is a chat on its
    /// own. <see cref="ScaleOut.InProcessBackplane"/> joins servers of one process; the
    /// <c>PushChat.PostgreSql</c> package joins servers over a PostgreSQL database.
    /// </summary>
    public ScaleOut.IChatBackplane? Backplane { get; set; }

    /// <summary>Resource caps.</summary>
    public ChatServerLimits Limits { get; set; } = new();

    /// <summary>A copy taken at start, so later changes by the host have no effect.</summary>
    internal ChatServerOptions Snapshot()
    {
        var copy = (ChatServerOptions)MemberwiseClone();
        copy.Limits = Limits.Clone();
        copy._messageFilters = new List<IMessageFilter>(_messageFilters);
        copy._allowedHosts = new List<string>(_allowedHosts);
        copy._allowedOrigins = new List<string>(_allowedOrigins);
        copy._trustedProxies = new List<string>(_trustedProxies);
        copy._reservedNames = new List<string>(_reservedNames);
        copy.CertificateChain = new X509Certificate2Collection(CertificateChain);
        return copy;
    }
}
