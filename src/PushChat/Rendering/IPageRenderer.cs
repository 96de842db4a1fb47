using PushChat.Localization;

namespace PushChat.Rendering;

/// <summary>
/// Produces every HTML page and every pushed line; replace it to change the look without touching
/// the engine. Escaping is the renderer's contract: every text from users (names, messages, the
/// typed draft) must be HTML-escaped, for example with <see cref="Html.Encode(string)"/>. Methods
/// are called on the server's threads and must be thread-safe and quick; a line is rendered once
/// and the same bytes go to every reader. The pages are served with a strict
/// Content-Security-Policy: no inline scripts or styles; link the style sheet at
/// <see cref="ChatRoutes.StyleSheet"/>.
/// </summary>
/// <remarks>
/// Derive a custom renderer from <see cref="DefaultPageRenderer"/> rather than implementing this
/// interface: override the pages you want to change and keep the rest. New pages (registration,
/// room lists, …) will be added to this interface, and <see cref="DefaultPageRenderer"/> will
/// gain them as virtual members with its look, so a derived renderer goes on working unchanged.
/// A class that implements this interface directly has to write every page itself, and stops
/// compiling when a page is added.
/// </remarks>
public interface IPageRenderer
{
    /// <summary>The CSS served at <see cref="ChatRoutes.StyleSheet"/>.</summary>
    string StyleSheet { get; }

    /// <summary>The login page: a form posting <c>name</c> and <c>password</c> to <see cref="ChatRoutes.Login"/>.</summary>
    /// <param name="page">What to show.</param>
    /// <returns>A complete HTML document.</returns>
    string RenderLogin(LoginPage page);

    /// <summary>The frameset of the chat, talk and names frames.</summary>
    /// <param name="page">Who is chatting where.</param>
    /// <returns>A complete HTML document.</returns>
    string RenderFrameset(SessionPage page);

    /// <summary>The start of the never-ending chat frame document; lines follow it.</summary>
    /// <param name="page">Who is chatting where.</param>
    /// <returns>The head of an HTML document, left open.</returns>
    string RenderChatStart(SessionPage page);

    /// <summary>
    /// One line in the chat frame: a small HTML fragment appended to the open document. Called
    /// once per line and language some reader has, and the bytes shared by every reader of it; a
    /// notice's text comes already in <paramref name="language"/>.
    /// </summary>
    /// <param name="message">The line.</param>
    /// <param name="language">The readers' language, for the words the renderer puts around the line.</param>
    /// <returns>An HTML fragment.</returns>
    string RenderLine(ChatMessage message, ChatLanguage language);

    /// <summary>
    /// What the chat frame gets when a line it may show was deleted: a fragment that hides it
    /// without a script, under the strict Content-Security-Policy (the default links a style
    /// sheet at <see cref="ChatRoutes.HiddenLine"/>). Every open chat frame gets it, also ones
    /// that never showed the line. Rendered once, the same bytes for every reader.
    /// </summary>
    /// <param name="message">The deleted line.</param>
    /// <returns>An HTML fragment.</returns>
    string RenderLineDeleted(ChatMessage message);

    /// <summary>The CSS served at <see cref="ChatRoutes.HiddenLine"/>: it hides one line as <see cref="RenderLine"/> marks it up.</summary>
    /// <param name="room">The line's room, as plain text from the query; escape it for CSS.</param>
    /// <param name="sequence">The line's number in its room.</param>
    /// <returns>A style sheet.</returns>
    string RenderHiddenLineStyle(string room, long sequence);

    /// <summary>
    /// The moderation page of a room's owner or an admin: the room's recent lines, each with a
    /// form posting <see cref="ChatRoutes.SessionParameter"/>, <c>room</c> and <c>seq</c> to <see cref="ChatRoutes.Delete"/>.
    /// </summary>
    /// <param name="page">Who moderates, and the lines.</param>
    /// <returns>A complete HTML document.</returns>
    string RenderLines(LinesPage page);

    /// <summary>
    /// The moderation page of an admin or a room's owner: the room's users, each with a form
    /// posting <see cref="ChatRoutes.SessionParameter"/>, <c>name</c>, <c>action</c>, <c>duration</c>
    /// and <c>reason</c> to <see cref="ChatRoutes.Moderate"/>.
    /// </summary>
    /// <param name="page">Who moderates, whom, and with which actions.</param>
    /// <returns>A complete HTML document.</returns>
    string RenderModeration(ModerationPage page);

    /// <summary>The end of the chat frame document, after the last line (leave, kick, shutdown).</summary>
    /// <returns>The closing HTML.</returns>
    string RenderChatEnd();

    /// <summary>The talk frame: a form posting <c>text</c> to <see cref="ChatRoutes.Say"/>, and a leave button.</summary>
    /// <param name="page">Who is talking, and an error or draft to show again.</param>
    /// <returns>A complete HTML document.</returns>
    string RenderTalk(TalkPage page);

    /// <summary>
    /// The start of the never-ending names frame document; copies of the online list follow it
    /// (<see cref="RenderNames"/>), a new one whenever who is online changes, so the frame needs
    /// no timed refresh.
    /// </summary>
    /// <param name="page">Whose names frame it is.</param>
    /// <returns>The head of an HTML document, left open.</returns>
    string RenderNamesStart(SessionPage page);

    /// <summary>
    /// One copy of the names frame's content (who is online, and the rooms): an HTML fragment
    /// appended to the open document. The newest copy is the one to show: the default style
    /// sheet hides every <c>body.names &gt; section</c> that a later one follows
    /// (<c>:has(~ section)</c>, which unlike <c>:last-of-type</c> holds while the document is still
    /// loading), which also takes the older copies out of the accessibility tree.
    /// </summary>
    /// <param name="page">Who is online.</param>
    /// <returns>An HTML fragment.</returns>
    string RenderNames(NamesPage page);

    /// <summary>The end of the names frame document, after its last list (the session ended, or the frame reloads to stay small).</summary>
    /// <param name="page">Whose names frame it is.</param>
    /// <returns>The closing HTML.</returns>
    string RenderNamesEnd(SessionPage page);

    /// <summary>
    /// The registration page: a form posting <c>name</c>, <c>password</c> and <c>confirm</c> (the
    /// password again) to <see cref="ChatRoutes.Register"/>.
    /// </summary>
    /// <param name="page">The name to fill in, and why the last attempt was refused.</param>
    /// <returns>A complete HTML document.</returns>
    string RenderRegister(RegisterPage page);

    /// <summary>
    /// The answer to a password typed for a name that has no account: it says so and offers to
    /// register the name, with a form sending <c>name</c> (never the password) to
    /// <see cref="ChatRoutes.Register"/> by GET.
    /// </summary>
    /// <param name="page">The name, and the refusal.</param>
    /// <returns>A complete HTML document.</returns>
    string RenderRegisterOffer(RegisterPage page);

    /// <summary>
    /// The password page of a registered user: a form posting <see cref="ChatRoutes.SessionParameter"/>,
    /// <c>current</c>, <c>password</c> and <c>confirm</c> to <see cref="ChatRoutes.Password"/>.
    /// </summary>
    /// <param name="page">Whose password, and a refusal or the news that it changed.</param>
    /// <returns>A complete HTML document.</returns>
    string RenderPassword(PasswordPage page);

    /// <summary>A page for a refused request (unknown page, expired session, bad input).</summary>
    /// <param name="page">What went wrong.</param>
    /// <returns>A complete HTML document.</returns>
    string RenderError(ErrorPage page);
}
