namespace PushChat;

/// <summary>
/// The paths the chat answers on. Renderers use them to build links and forms; proxies and
/// firewalls can be configured from them. Every page after login carries the session id in the
/// query parameter <see cref="SessionParameter"/>.
/// </summary>
public static class ChatRoutes
{
    /// <summary>The query or form field that carries the session id: <c>sid</c>.</summary>
    public const string SessionParameter = "sid";

    /// <summary>GET: the login page.</summary>
    public const string Home = "/";

    /// <summary>POST (fields <c>name</c>, <c>password</c>): logs in and redirects to <see cref="Room"/>.</summary>
    public const string Login = "/login";

    /// <summary>GET: the frameset of the chat, talk and names frames.</summary>
    public const string Room = "/room";

    /// <summary>GET: the chat frame, a response that never ends and receives every new line.</summary>
    public const string Chat = "/chat";

    /// <summary>GET: the talk frame with the message form.</summary>
    public const string Talk = "/talk";

    /// <summary>POST (field <c>text</c>): says a line, then shows the talk frame again.</summary>
    public const string Say = "/say";

    /// <summary>GET: the names frame, the online list; it refreshes itself and keeps the session alive.</summary>
    public const string Names = "/names";

    /// <summary>
    /// POST (field <c>room</c>): moves the session to the room, opening it when no room has that
    /// name; the chat frame stays open and goes on with the new room. Answered with a redirect to
    /// the names frame, or to the talk frame when the form sends <c>frame=talk</c>.
    /// </summary>
    public const string Join = "/join";

    /// <summary>POST: leaves the chat and returns to the login page.</summary>
    public const string Leave = "/leave";

    /// <summary>GET: the style sheet of the default look.</summary>
    public const string StyleSheet = "/style.css";

    /// <summary>
    /// GET: a one-line script for the talk frame that puts the cursor back in the message box
    /// after each post (browsers autofocus only once per page). Optional: the chat works without it.
    /// </summary>
    public const string TalkScript = "/talk.js";

    /// <summary>GET: <c>200 ok</c> while the server runs, for load balancers and monitors.</summary>
    public const string Health = "/health";
}
