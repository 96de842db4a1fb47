using System;
using System.Collections.Generic;
using PushChat.Localization;

namespace PushChat.Rendering;

/// <summary>
/// The look that ships in the box: plain HTML and one style sheet. The chat frame keeps its
/// newest line in view with CSS alone (a bottom-anchored scroll box); the only script puts the
/// cursor back in the talk box after each line, and everything works without it.
/// </summary>
/// <remarks>
/// This is the base class for custom renderers: derive from it and override only the pages you
/// want to look different; the rest keep this look. Pages added in later versions arrive here
/// as virtual members with this look, so a derived renderer keeps compiling and serving them.
/// <see cref="Document(ChatLanguage, string, string, string, string?)"/>, <see cref="ErrorMessage"/>, <see cref="ColorClass"/>, <see cref="RoleClass"/>,
/// <see cref="ModerationLink"/> and <see cref="PasswordLink"/> build the page shell, the error
/// line, the name colours, the role marks and the talk frame's links to the moderation and
/// password pages that the default pages use; escape user text with
/// <see cref="Html.Encode(string)"/>. Every page model carries the reader's language
/// (<see cref="LoginPage.Language"/> and the like): the default pages take their words from it,
/// and so can a derived renderer's. Members are called concurrently on the server's threads:
/// overrides must be thread-safe and quick.
/// </remarks>
public class DefaultPageRenderer : IPageRenderer
{
    // The markup lives in one internal type per page family (AccountMarkup, ChatFrameMarkup,
    // TalkFrameMarkup, NamesFrameMarkup, ModeratorMarkup, ShellMarkup); this class keeps the public
    // and protected members that derived renderers build on.

    /// <inheritdoc />
    public virtual string StyleSheet => DefaultStyleSheet.Css;

    /// <inheritdoc />
    public virtual string RenderLogin(LoginPage page) => AccountMarkup.Login(this, page ?? throw new ArgumentNullException(nameof(page)));

    /// <inheritdoc />
    public virtual string RenderFrameset(SessionPage page) => ChatFrameMarkup.Frameset(page ?? throw new ArgumentNullException(nameof(page)));

    /// <inheritdoc />
    public virtual string RenderChatStart(SessionPage page) => ChatFrameMarkup.ChatStart(page ?? throw new ArgumentNullException(nameof(page)));

    /// <inheritdoc />
    public virtual string RenderLine(ChatMessage message, ChatLanguage language) =>
        ChatFrameMarkup.Line(this, message ?? throw new ArgumentNullException(nameof(message)), language ?? throw new ArgumentNullException(nameof(language)));

    /// <inheritdoc />
    public virtual string RenderLineDeleted(ChatMessage message) => ChatFrameMarkup.HiddenLineLink(message ?? throw new ArgumentNullException(nameof(message)));

    /// <inheritdoc />
    public virtual string RenderHiddenLineStyle(string room, long sequence) =>
        ChatFrameMarkup.HiddenLineStyle(room ?? throw new ArgumentNullException(nameof(room)), sequence);

    /// <inheritdoc />
    public virtual string RenderLines(LinesPage page) => ModeratorMarkup.Lines(this, page ?? throw new ArgumentNullException(nameof(page)));

    /// <inheritdoc />
    public virtual string RenderModeration(ModerationPage page) => ModeratorMarkup.Moderation(this, page ?? throw new ArgumentNullException(nameof(page)));

    /// <inheritdoc />
    public virtual string RenderChatEnd() => ChatFrameMarkup.ChatEnd;

    /// <inheritdoc />
    public virtual string RenderTalk(TalkPage page) => TalkFrameMarkup.Talk(this, page ?? throw new ArgumentNullException(nameof(page)));

    /// <inheritdoc />
    public virtual string RenderNamesStart(SessionPage page) => NamesFrameMarkup.Start(this, page ?? throw new ArgumentNullException(nameof(page)));

    /// <inheritdoc />
    public virtual string RenderNames(NamesPage page) => NamesFrameMarkup.List(this, page ?? throw new ArgumentNullException(nameof(page)));

    /// <inheritdoc />
    public virtual string RenderNamesEnd(SessionPage page) => NamesFrameMarkup.End(this, page ?? throw new ArgumentNullException(nameof(page)));

    /// <inheritdoc />
    public virtual string RenderRegister(RegisterPage page) => AccountMarkup.Register(this, page ?? throw new ArgumentNullException(nameof(page)));

    /// <inheritdoc />
    public virtual string RenderRegisterOffer(RegisterPage page) => AccountMarkup.RegisterOffer(this, page ?? throw new ArgumentNullException(nameof(page)));

    /// <inheritdoc />
    public virtual string RenderPassword(PasswordPage page) => AccountMarkup.Password(this, page ?? throw new ArgumentNullException(nameof(page)));

    /// <inheritdoc />
    public virtual string RenderError(ErrorPage page) => ShellMarkup.ErrorPage(this, page ?? throw new ArgumentNullException(nameof(page)));

    /// <summary>The link to the style sheet that hides a deleted line; also what is sent when a custom renderer fails.</summary>
    internal static string HiddenLineLink(ChatMessage message) => ChatFrameMarkup.HiddenLineLink(message);

    // The page families build on the protected members below through these, so that what a
    // derived renderer overrides shows on every default page that uses it.
    internal string DocumentFor(ChatLanguage language, string title, string bodyClass, string body, string? extraHead = null) =>
        Document(language, title, bodyClass, body, extraHead);

    internal string ErrorMessageFor(string? reason) => ErrorMessage(reason);

    internal string ColorClassFor(string? color) => ColorClass(color);

    internal string RoleClassFor(ChatRole role) => RoleClass(role);

    internal string RoomPickerFor(IReadOnlyList<ChatRoomInfo> rooms, ChatLanguage language) => RoomPicker(rooms, language);

    internal string RoomChooserFor(SessionPage session, IReadOnlyList<ChatRoomInfo> rooms) => RoomChooser(session, rooms);

    internal string UserActionsFor(NamesPage page, string userName) => UserActions(page, userName);

    internal string ModerationLinkFor(TalkPage page) => ModerationLink(page);

    internal string PasswordLinkFor(TalkPage page) => PasswordLink(page);

    internal string UserModerationLinkFor(TalkPage page) => UserModerationLink(page);

    /// <summary>
    /// What the names frame offers beside a name: a link that opens the talk frame set to whisper
    /// to that user, and a button to ignore the user or see them again; nothing beside the user's own name.
    /// </summary>
    /// <param name="page">Whose names frame it is.</param>
    /// <param name="userName">The name beside which the controls go.</param>
    /// <returns>HTML: a link into the talk frame and a form posting to <see cref="ChatRoutes.Ignore"/>, or an empty string.</returns>
    protected virtual string UserActions(NamesPage page, string userName) => NamesFrameMarkup.UserActions(page, userName);

    /// <summary>The talk frame's link to the moderation page (<see cref="ChatRoutes.Lines"/>), for a user who may delete lines.</summary>
    /// <param name="page">The talk frame's model.</param>
    /// <returns>An HTML fragment; empty when <see cref="TalkPage.CanDeleteLines"/> is false.</returns>
    protected virtual string ModerationLink(TalkPage page) => TalkFrameMarkup.ModerationLink(page ?? throw new ArgumentNullException(nameof(page)));

    /// <summary>The talk frame's link to the password page (<see cref="ChatRoutes.Password"/>), for a registered user.</summary>
    /// <param name="page">The talk frame's model.</param>
    /// <returns>An HTML fragment; empty when <see cref="TalkPage.CanChangePassword"/> is false.</returns>
    protected virtual string PasswordLink(TalkPage page) => TalkFrameMarkup.PasswordLink(page ?? throw new ArgumentNullException(nameof(page)));

    /// <summary>The talk frame's link to the page that kicks, mutes and bans (<see cref="ChatRoutes.Moderate"/>), for a user who may moderate the room.</summary>
    /// <param name="page">The talk frame's model.</param>
    /// <returns>An HTML fragment; empty when <see cref="TalkPage.CanModerate"/> is false.</returns>
    protected virtual string UserModerationLink(TalkPage page) => TalkFrameMarkup.UserModerationLink(page ?? throw new ArgumentNullException(nameof(page)));

    /// <summary>The room list of the names frame: a join button per room, and a form to join or open a room by name.</summary>
    /// <param name="session">Whose names frame it is.</param>
    /// <param name="rooms">The rooms, the default room first.</param>
    /// <returns>An HTML fragment posting <c>room</c> to <see cref="ChatRoutes.Join"/>.</returns>
    protected virtual string RoomChooser(SessionPage session, IReadOnlyList<ChatRoomInfo> rooms)
    {
        if (session is null || rooms is null)
        {
            throw new ArgumentNullException(session is null ? nameof(session) : nameof(rooms));
        }

        return NamesFrameMarkup.RoomChooser(session, rooms);
    }

    /// <summary>The room choice of the login page in the reader's language: a list posting <c>room</c>, the default room first; nothing when there is only one room.</summary>
    /// <param name="rooms">The rooms, the default room first.</param>
    /// <param name="language">The reader's language (<see cref="LoginPage.Language"/>).</param>
    /// <returns>An HTML fragment, or an empty string.</returns>
    protected virtual string RoomPicker(IReadOnlyList<ChatRoomInfo> rooms, ChatLanguage language) =>
        AccountMarkup.RoomPicker(rooms, language ?? throw new ArgumentNullException(nameof(language)));

    /// <summary>The CSS class that shows a user's colour in the default style sheet.</summary>
    /// <param name="color">A colour as <c>#rrggbb</c>, or <see langword="null"/>.</param>
    /// <returns>
    /// The class of the colour when it is in the palette, otherwise <c>c0</c> (the default text
    /// colour), so a colour outside the palette never lowers the contrast.
    /// </returns>
    protected virtual string ColorClass(string? color) => DefaultStyleSheet.ColorClass(color);

    /// <summary>
    /// The class that marks a role on a line and in the names frame: <c>guest</c>, <c>member</c>
    /// (a registered user) or <c>admin</c>. The default style sheet shows it beside the name, so
    /// that a guest cannot pass for a member.
    /// </summary>
    /// <param name="role">The role.</param>
    /// <returns>A CSS class name.</returns>
    protected virtual string RoleClass(ChatRole role) => ShellMarkup.RoleClass(role);

    /// <summary>The line that tells the user why the last attempt was refused, as the login and talk pages show it.</summary>
    /// <param name="reason">The reason, as plain text, or <see langword="null"/>.</param>
    /// <returns>An HTML fragment with the reason escaped, or an empty string when there is none.</returns>
    protected virtual string ErrorMessage(string? reason) => ShellMarkup.ErrorMessage(reason);

    /// <summary>
    /// The shell of every complete page of the default look except the frameset, in the reader's
    /// language: doctype, <c>&lt;html lang&gt;</c> (<paramref name="language"/>'s tag), character set,
    /// viewport, title and the style sheet link, around a body of the given class.
    /// </summary>
    /// <param name="language">The reader's language (the page model's <c>Language</c>).</param>
    /// <param name="title">The page title, as plain text; it is escaped here.</param>
    /// <param name="bodyClass">The class of the body element, as plain text; the default style sheet styles <c>login</c>, <c>talk</c>, <c>names</c>, <c>lines</c> and <c>error</c>.</param>
    /// <param name="body">The content of the body, as HTML; escape user text in it with <see cref="Html.Encode(string)"/>.</param>
    /// <param name="extraHead">More HTML for the head, or <see langword="null"/>.</param>
    /// <returns>A complete HTML document.</returns>
    protected virtual string Document(ChatLanguage language, string title, string bodyClass, string body, string? extraHead = null) =>
        ShellMarkup.Document((language ?? throw new ArgumentNullException(nameof(language))).Tag, title, bodyClass, body, extraHead);
}
