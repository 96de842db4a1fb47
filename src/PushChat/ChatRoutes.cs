namespace PushChat;

/// <summary>
/// The paths the chat answers on. Renderers use them to build links and forms; proxies and
/// firewalls can be configured from them. Every page after login carries the session id in the
/// query parameter <see cref="SessionParameter"/>, and every request of a session must also carry
/// the cookie its login set, unless <see cref="ChatServerOptions.RequireSessionCookie"/> is off:
/// without it the answer is 403.
/// </summary>
public static class ChatRoutes
{
    /// <summary>The query or form field that carries the session id: <c>sid</c>.</summary>
    public const string SessionParameter = "sid";

    /// <summary>GET: the login page.</summary>
    public const string Home = "/";

    /// <summary>
    /// POST (fields <c>name</c>, <c>password</c>, optionally <c>room</c> and <c>ui</c>): logs in and
    /// redirects to <see cref="Room"/>, or to <see cref="App"/> when <c>ui</c> is <c>modern</c>.
    /// </summary>
    public const string Login = "/login";

    /// <summary>
    /// GET (query <c>name</c> to fill in): the registration page. POST (fields <c>name</c>,
    /// <c>password</c>, <c>confirm</c>): creates an account with the role
    /// <see cref="ChatRole.User"/> and logs it in, redirecting to <see cref="Room"/>. Answers 404
    /// when <see cref="ChatServerOptions.AllowRegistration"/> is off or the server has no user store.
    /// </summary>
    public const string Register = "/register";

    /// <summary>
    /// GET: the password page of a registered user's session. POST (fields <c>current</c>,
    /// <c>password</c>, <c>confirm</c>): changes the password, ends the user's other sessions and
    /// redirects back with <c>changed=1</c>. Guests get 403.
    /// </summary>
    public const string Password = "/password";

    /// <summary>GET: the frameset of the chat, talk and names frames.</summary>
    public const string Room = "/room";

    /// <summary>
    /// GET: the modern single page of the chat, an alternative to the frameset: it reads the
    /// session's items from <see cref="Events"/> and acts through <see cref="WebSocket"/>, with its
    /// script, texts and style sheet at <see cref="AppScript"/>, <see cref="AppText"/> and
    /// <see cref="AppStyleSheet"/>.
    /// </summary>
    public const string App = "/app";

    /// <summary>GET: the script of the modern page <see cref="App"/>.</summary>
    public const string AppScript = "/app.js";

    /// <summary>GET: every text the modern page <see cref="App"/> shows, as a script, so another language can replace it.</summary>
    public const string AppText = "/app-text.js";

    /// <summary>GET: the style sheet of the modern page <see cref="App"/>, light or dark after the system's setting.</summary>
    public const string AppStyleSheet = "/app.css";

    /// <summary>GET: the chat frame, a response that never ends and receives every new line.</summary>
    public const string Chat = "/chat";

    /// <summary>GET: the talk frame with the message form.</summary>
    public const string Talk = "/talk";

    /// <summary>
    /// The session's items as Server-Sent Events (<c>GET</c>, <c>?sid=</c> and the session's cookie):
    /// each event's id is the reader's cursor, so a reconnecting <c>EventSource</c> resumes
    /// exactly after its last item. See PROTOCOL.md.
    /// </summary>
    public const string Events = "/events";

    /// <summary>
    /// The WebSocket of the JSON protocol (<c>GET</c> upgrade): a browser brings its session
    /// (<c>?sid=</c> and cookie), a bot logs in with its first message. See PROTOCOL.md.
    /// </summary>
    public const string WebSocket = "/ws";

    /// <summary>
    /// POST: says a line or runs a command, then shows the talk frame again. Fields: <c>text</c>
    /// (a line, or a command such as <c>/msg NAME text</c>), and optionally <c>to</c> (a user to
    /// address), <c>private</c> (1: whisper to <c>to</c>), <c>action</c> (a canned action) and
    /// <c>color</c> (a new colour).
    /// </summary>
    public const string Say = "/say";

    /// <summary>GET: the names frame, the online list; it refreshes itself and keeps the session alive.</summary>
    public const string Names = "/names";

    /// <summary>
    /// POST (field <c>room</c>): moves the session to the room, opening it when no room has that
    /// name; the chat frame stays open and goes on with the new room. Answered with a redirect to
    /// the names frame, or to the talk frame when the form sends <c>frame=talk</c>.
    /// </summary>
    public const string Join = "/join";

    /// <summary>POST: leaves the chat, drops the session's cookie and returns to the login page.</summary>
    public const string Leave = "/leave";

    /// <summary>POST (fields <c>name</c>, <c>ignore</c> = 1 or 0): starts or stops ignoring a user, then shows the names frame again.</summary>
    public const string Ignore = "/ignore";

    /// <summary>GET: the style sheet of the default look.</summary>
    public const string StyleSheet = "/style.css";

    /// <summary>
    /// GET: a one-line script for the talk frame that puts the cursor back in the message box
    /// after each post (browsers autofocus only once per page). Optional: the chat works without it.
    /// </summary>
    public const string TalkScript = "/talk.js";

    /// <summary>
    /// GET: the moderation page of the session's room, its recent lines each with a delete
    /// button; only for the room's owner and admins (others get 403). The talk frame links to it
    /// for them.
    /// </summary>
    public const string Lines = "/lines";

    /// <summary>
    /// POST (fields <c>room</c>, <c>seq</c>): deletes a line, then redirects to <see cref="Lines"/>;
    /// only for the room's owner and admins (others get 403).
    /// </summary>
    public const string Delete = "/delete";

    /// <summary>
    /// GET: the page where an admin or a room's owner kicks, mutes, bans and makes owners, with a
    /// form per user of the room; others get 403. POST (fields <c>name</c>, <c>action</c> = kick,
    /// mute, unmute, ban, banip, unban, op or deop, optionally <c>duration</c> such as 30m, 2h or 1d,
    /// and <c>reason</c>): does it, checked against the user's role at that moment (403 when it is
    /// not allowed), then redirects to the page.
    /// </summary>
    public const string Moderate = "/moderate";

    /// <summary>
    /// GET (query <c>room</c>, <c>seq</c>): a style sheet that hides one line. A deletion pushes a
    /// link to it into every open chat frame, so the line disappears without a script and with
    /// the Content-Security-Policy kept strict.
    /// </summary>
    public const string HiddenLine = "/hidden.css";

    /// <summary>GET: <c>200 ok</c> while the server runs, for load balancers and monitors.</summary>
    public const string Health = "/health";
}
