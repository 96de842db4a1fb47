using System;

namespace PushChat;

/// <summary>
/// Resource caps of a <see cref="ChatServer"/>. Every default is chosen to be safe on the open
/// internet; raise a cap only when a real client needs it. Validated when the server starts.
/// </summary>
public sealed class ChatServerLimits
{
    /// <summary>
    /// Longest request line (method, target and version) in bytes. Longer lines get 414.
    /// Default 8,192: the request line limit of Apache and Kestrel; chat URLs are far shorter.
    /// </summary>
    public int MaxRequestLineBytes { get; set; } = 8 * 1024;

    /// <summary>
    /// Total size of all request headers in bytes. Larger header blocks get 431.
    /// Default 32,768: Kestrel's default, enough for browsers with many cookies.
    /// </summary>
    public int MaxRequestHeadersBytes { get; set; } = 32 * 1024;

    /// <summary>Most header fields in one request. More get 431. Default 100, as Kestrel.</summary>
    public int MaxRequestHeaderCount { get; set; } = 100;

    /// <summary>
    /// Largest request body in bytes (login and talk forms). Larger bodies get 413.
    /// Default 16,384: a form with a maximum-length message in any script fits many times over.
    /// </summary>
    public int MaxRequestBodyBytes { get; set; } = 16 * 1024;

    /// <summary>
    /// Time a client has to send a complete request head: the first from when it connected, later
    /// ones from their first byte, never restarted by a trickle of bytes. Stops slow-header
    /// ("slowloris") attacks; a late request gets 408.
    /// Default 30 seconds, as Kestrel's RequestHeadersTimeout.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Time a new connection may stay silent before its first byte; then it is closed without an
    /// answer. Browsers send their request as soon as a connection opens and drop the speculative
    /// connections they do not use, so a socket silent this long only holds a slot that a flood of
    /// such sockets would take from everyone. The first request's head must still be complete
    /// within <see cref="RequestTimeout"/> of the accept. Default 10 seconds.
    /// </summary>
    public TimeSpan FirstByteTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Time an idle keep-alive connection may wait for its next request before it is closed.
    /// Default 130 seconds, as Kestrel: longer than the 120 s browsers keep idle sockets.
    /// </summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(130);

    /// <summary>
    /// Most open connections; further ones get 503 and are closed. Default 10,000: every push
    /// reader holds one connection, and this leaves room under a common 20,000 open-file limit.
    /// </summary>
    public int MaxConnections { get; set; } = 10_000;

    /// <summary>
    /// Most open connections from one IP address; further ones get 503. Default 64: ten browsers
    /// behind one NAT at the six-per-host browser budget, with room to spare.
    /// </summary>
    public int MaxConnectionsPerAddress { get; set; } = 64;

    /// <summary>
    /// Most open connections from one address listed in <see cref="ChatServerOptions.TrustedProxies"/>,
    /// in place of <see cref="MaxConnectionsPerAddress"/>; never more than <see cref="MaxConnections"/>.
    /// While a proxy's connection carries a request, or the chat stream it started, it also counts
    /// against the client that <c>X-Forwarded-For</c> names, up to <see cref="MaxConnectionsPerAddress"/>
    /// for that client; an idle pooled connection counts for nobody.
    /// Default 10,000, as <see cref="MaxConnections"/>: a proxy carries every visitor, so capping
    /// it lower caps the whole chat. Lower it to keep room for direct clients or a second proxy.
    /// </summary>
    public int MaxConnectionsPerTrustedProxy { get; set; } = 10_000;

    /// <summary>
    /// How many leading bits of an IPv6 address make one client for every per-address limit and
    /// for address bans; IPv4 addresses count exactly. Default 64: a subscriber is given at least a
    /// /64 and picks new addresses in it at will (RFC 4291 §2.5.4, RFC 8981), so exact IPv6
    /// addresses would give one client millions of budgets. Use 56 or 48 where providers hand out
    /// such prefixes and one client rotates through them; 128 counts exact addresses.
    /// </summary>
    public int AddressPrefixIPv6 { get; set; } = 64;

    /// <summary>
    /// Most sessions from one address (see <see cref="AddressPrefixIPv6"/>); further logins get 503
    /// with a message, while other addresses log in as before. 0 turns it off. Default 16: a
    /// session's frames hold about four connections, so this is what
    /// <see cref="MaxConnectionsPerAddress"/> lets one address use anyway, a dozen people behind
    /// one NAT; without it one address could take every place up to <see cref="MaxSessions"/>.
    /// Admins are never refused by it.
    /// </summary>
    public int MaxSessionsPerAddress { get; set; } = 16;

    /// <summary>
    /// Most sessions from one address that have not opened their chat yet; further logins get 503
    /// with a message. 0 turns it off. Default 4: a browser opens the chat within a second of
    /// logging in, so more than a few unopened sessions only come from scripts that log in to hold
    /// names and places. Such a session goes after <see cref="ChatServerOptions.StreamOpenTimeout"/>.
    /// Admins are never refused by it.
    /// </summary>
    public int MaxUnopenedSessionsPerAddress { get; set; } = 4;

    /// <summary>
    /// Most login attempts from one address per minute, counted before any password check, failed
    /// or not; further attempts get 429 with a message. 0 turns it off. Default 20: a family
    /// logging in together stays far below it, while a script can neither churn sessions nor try
    /// passwords across many names faster than one every three seconds (the per-name lock,
    /// <see cref="MaxLoginFailures"/>, cannot see a guesser who tries each name only a few times).
    /// </summary>
    public int MaxLoginsPerAddressPerMinute { get; set; } = 20;

    /// <summary>
    /// Most registration attempts (new accounts, and tries for a name that cannot be registered)
    /// from one client address within an hour: five at once, then one every twelve minutes; further
    /// attempts get 429 before any password is hashed. 0 turns it off. Default 5: a household or a
    /// small office signing up together stays below it, while a script can squat at most five names
    /// (or probe five names) an hour from each address instead of hundreds a minute.
    /// </summary>
    public int MaxRegistrationsPerAddressPerHour { get; set; } = 5;

    /// <summary>
    /// Most registration attempts from all addresses together within a minute; further attempts
    /// get 429 before any password is hashed. 0 turns it off. Default 30: far above what a chat's
    /// sign-ups reach, while a script spread over many addresses can neither take the password
    /// checks' threads from logins (each registration hashes twice) nor grow the account store by
    /// more than 30 accounts a minute.
    /// </summary>
    public int MaxRegistrationsPerMinute { get; set; } = 30;

    /// <summary>
    /// Most chat lines (said, acted or whispered) from all sessions of one address within
    /// <see cref="AddressLineWindow"/>; further lines get 429 with a message. Admins are exempt;
    /// 0 turns it off. Default 10: two people at the flood limit's pace (five lines in five seconds
    /// each, <see cref="Filtering.FloodLimitFilter"/>), which counts per user and so cannot stop
    /// one client that speaks through many guest sessions.
    /// </summary>
    public int MaxLinesPerAddress { get; set; } = 10;

    /// <summary>The window of <see cref="MaxLinesPerAddress"/>. Default 5 seconds, as the flood limit's.</summary>
    public TimeSpan AddressLineWindow { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Bytes that may wait in one push stream's outbound queue, the write the reader has not taken
    /// yet included. A reader that falls this far behind is disconnected so that nobody waits for
    /// it. A room's history replayed to a reader goes out as the reader drains, so a history larger
    /// than this never costs a reader that reads its stream; a replay still waiting when the reader
    /// moves on to another room counts in full. Default 256 KiB: thousands of chat lines.
    /// </summary>
    public int MaxQueuedBytesPerStream { get; set; } = 256 * 1024;

    /// <summary>
    /// The kernel's send buffer of a push stream's socket, in bytes (Linux doubles it for its own
    /// bookkeeping). Without it the kernel grows the buffer of a reader that stops reading to
    /// megabytes, all held for that reader on top of <see cref="MaxQueuedBytesPerStream"/>. Default
    /// 32 KiB: a stream's writes are coalesced, so a small buffer costs no throughput.
    /// </summary>
    public int StreamSendBufferBytes { get; set; } = 32 * 1024;

    /// <summary>
    /// Push streams one session may hold open at once: tabs, or an <c>EventSource</c> reconnecting
    /// while its old connection is still open. They do not end each other, and the user is online
    /// once; past this many, the oldest is ended. Default 8.
    /// </summary>
    public int MaxStreamsPerSession { get; set; } = 8;

    /// <summary>
    /// Items after which a classic chat frame renews its document: it loads itself again from the
    /// position it reached, with no line lost or repeated, so a tab left open for a day stays
    /// small. 0 never renews. Default 1,000.
    /// </summary>
    public int ChatFrameRenewAfterItems { get; set; } = 1000;

    /// <summary>Longest chat message in characters; longer ones are refused with a message. Default 500.</summary>
    public int MaxMessageLength { get; set; } = 500;

    /// <summary>Longest user name in characters. Default 24.</summary>
    public int MaxUserNameLength { get; set; } = 24;

    /// <summary>
    /// Shortest password a user may choose when registering or changing it. Default 8: the
    /// minimum NIST SP 800-63B (§5.1.1.2) sets for passwords users choose themselves; length,
    /// not composition rules, is what makes them hard to guess.
    /// </summary>
    public int MinPasswordLength { get; set; } = 8;

    /// <summary>
    /// Longest password a user may choose. Default 128: well above the 64 characters NIST SP
    /// 800-63B asks to allow (pass phrases fit), and a bound on what each hash has to read.
    /// </summary>
    public int MaxPasswordLength { get; set; } = 128;

    /// <summary>Most sessions (logged-in users) at once; further logins are refused. Default 10,000.</summary>
    public int MaxSessions { get; set; } = 10_000;

    /// <summary>
    /// Most rooms at once, the default room included; further rooms are refused. Default 100:
    /// each room keeps its own history, so the cap bounds that memory.
    /// </summary>
    public int MaxRooms { get; set; } = 100;

    /// <summary>
    /// Most users in one room other than the default room (which holds up to <see cref="MaxSessions"/>);
    /// further joins are refused. Default 1,000: a room where everyone can still follow the talk.
    /// </summary>
    public int MaxRoomOccupants { get; set; } = 1_000;

    /// <summary>
    /// Most rooms one user holds open at once (rooms the user opened and that are still open); a
    /// further room is refused until the user closes one. Default 3: enough for a few topics, while
    /// one user cannot take every one of <see cref="MaxRooms"/>. Admins have no cap.
    /// </summary>
    public int MaxRoomsPerUser { get; set; } = 3;

    /// <summary>
    /// Longest mute a room's owner may give; it holds in that room only, for that user even after
    /// leaving and coming back or logging in again, until it runs out or the room closes. Default 1 hour: long enough to calm a quarrel, short enough that a room's owner
    /// (possibly a guest) cannot silence anyone for long. Longer and server-wide mutes are an admin's.
    /// </summary>
    public TimeSpan MaxRoomMuteDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Failed logins for one name within <see cref="LoginFailureWindow"/> after which the name is
    /// locked for <see cref="LoginLockout"/>; 0 turns locking off. Default 5: room for typing
    /// mistakes, while a guesser gets a handful of tries per quarter of an hour, fewer as locks
    /// double (OWASP Authentication Cheat Sheet; NIST SP 800-63B §5.2.2 allows at most 100).
    /// The lock holds the name whoever tries it, so a stranger can keep a user locked out;
    /// a host that limits logins elsewhere can turn it off.
    /// </summary>
    public int MaxLoginFailures { get; set; } = 5;

    /// <summary>
    /// How far back failed logins count towards <see cref="MaxLoginFailures"/>. Default 15 minutes:
    /// a user who mistypes now and then never reaches the limit.
    /// </summary>
    public TimeSpan LoginFailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long a name is locked the first time; every further lock doubles it, up to
    /// <see cref="MaxLoginLockout"/>. A login during a lock is answered 429 at once, without a
    /// password check, so guessing costs the server nothing. Default 15 minutes: long enough to
    /// make guessing slow, short enough for a user who forgot the password to try again soon.
    /// </summary>
    public TimeSpan LoginLockout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The longest lock, and how long a name's earlier locks are remembered after its last lock
    /// or failed login ended (a successful login forgets them at once). Default 24 hours: a guesser who keeps on
    /// gets a few tries a day.
    /// </summary>
    public TimeSpan MaxLoginLockout { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Host events (<see cref="ChatServer.MessagePosted"/>, <see cref="ChatServer.UserJoined"/>, …)
    /// that may wait for the host's handlers, which run one at a time away from the sockets. When a
    /// handler is slower than the chat, the oldest waiting event is dropped for each new one; drops
    /// are counted and logged (event 960, at most once every 10 seconds, with how many). The oldest,
    /// not the newest: an event reports a change after the fact and the server's state can be read
    /// at any time (<see cref="ChatServer.OnlineUsers"/>, <see cref="ChatServer.Rooms"/>), so a
    /// handler that catches up is better served by the latest changes than by a backlog that ends
    /// before them. Default 10,000: over a minute and a half of 100 lines a second, a few megabytes
    /// at most; a handler further behind than that is not keeping up anyway.
    /// </summary>
    public int MaxQueuedHostEvents { get; set; } = 10_000;

    internal ChatServerLimits Clone() => (ChatServerLimits)MemberwiseClone();
}
