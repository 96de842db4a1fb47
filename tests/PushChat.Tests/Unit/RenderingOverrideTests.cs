using PushChat.Rendering;

using PushChat.Localization;

namespace PushChat.Tests.Unit;

/// <summary>
/// A renderer derived from <see cref="DefaultPageRenderer"/> that overrides a building block
/// (shell, error line, colours, role marks, links, room lists) sees it on every default page that uses it.
/// </summary>
[TestClass]
public sealed class RenderingOverrideTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly SessionPage Session = new("Acme", "s1", "ann", "Lobby");
    private static readonly ChatRoomInfo[] Rooms = { new("Lobby", 2, 0), new("Attic", 1, 0) };

    [TestMethod]
    public void The_shell_and_the_error_line_of_a_derived_renderer_frame_every_default_page()
    {
        var look = new Marked();
        var pages = new Dictionary<string, string>
        {
            ["login"] = look.RenderLogin(new LoginPage("Acme", null, "why", false)),
            ["register"] = look.RenderRegister(new RegisterPage("Acme", null, "why", 8, 64)),
            ["offer"] = look.RenderRegisterOffer(new RegisterPage("Acme", "bob", "why", 8, 64)),
            ["password"] = look.RenderPassword(new PasswordPage(Session, "why", false, 8, 64)),
            ["talk"] = look.RenderTalk(new TalkPage(Session, null, "why", 100)),
            ["names"] = look.RenderNamesStart(Session) + look.RenderNames(new NamesPage(Session, Array.Empty<ChatUserInfo>(), 0, Rooms, TimeSpan.FromSeconds(30), Now, "why")) + look.RenderNamesEnd(Session),
            ["lines"] = look.RenderLines(new LinesPage(Session, Array.Empty<ChatMessage>(), "why")),
            ["moderation"] = look.RenderModeration(new ModerationPage(Session, Array.Empty<ChatUserInfo>(), Array.Empty<TalkChoice>(), "why")),
        };

        foreach (var (name, html) in pages)
        {
            StringAssert.StartsWith(html, "[shell Acme]", name);
            StringAssert.Contains(html, "[error why]", name);
        }

        StringAssert.StartsWith(look.RenderError(new ErrorPage("Acme", 404, "gone", false)), "[shell Acme]");
    }

    [TestMethod]
    public void The_colours_and_role_marks_of_a_derived_renderer_mark_lines_names_and_moderation_rows()
    {
        var look = new Marked();
        var ann = new ChatUserInfo("ann", ChatRole.Guest, "#1f5fa8", "Lobby", Now, Now);
        var line = new ChatMessage("Lobby", 1, ChatMessageKind.Public, "ann", "#1f5fa8", "hi", Now, senderRole: ChatRole.Guest);

        var chat = look.RenderLine(line, ChatLanguage.English);
        var names = look.RenderNames(new NamesPage(Session, new[] { ann }, TimeSpan.FromSeconds(30), Now));
        var lines = look.RenderLines(new LinesPage(Session, new[] { line }, null));
        var moderation = look.RenderModeration(new ModerationPage(Session, new[] { ann }, Array.Empty<TalkChoice>(), null));

        StringAssert.Contains(chat, "<p class=\"line role-Guest\"");
        StringAssert.Contains(chat, "<b class=\"colour-#1f5fa8\">ann</b>");
        StringAssert.Contains(names, "<li class=\"role-Guest\"><b class=\"colour-#1f5fa8\">ann</b>");
        StringAssert.Contains(lines, "<b class=\"colour-#1f5fa8\">ann</b>");
        StringAssert.Contains(moderation, "<b class=\"colour-#1f5fa8\" id=\"user1\">ann</b>");
    }

    [TestMethod]
    public void The_links_and_room_lists_of_a_derived_renderer_replace_the_default_ones()
    {
        var look = new Marked();
        var bob = new ChatUserInfo("bob", ChatRole.User, "#1f5fa8", "Lobby", Now, Now);

        var talk = look.RenderTalk(new TalkPage(Session, null, null, 100) { CanDeleteLines = true, CanChangePassword = true, CanModerate = true });
        var names = look.RenderNames(new NamesPage(Session, new[] { bob }, 1, Rooms, TimeSpan.FromSeconds(30), Now));
        var login = look.RenderLogin(new LoginPage("Acme", null, null, false, Rooms));

        StringAssert.Contains(talk, "[delete lines]\n[password]\n[moderate users]");
        Assert.IsFalse(talk.Contains(ChatRoutes.Lines + "?", StringComparison.Ordinal), "the default link is gone");
        StringAssert.Contains(names, "<b class=\"colour-#1f5fa8\">bob</b>[actions bob]</li>");
        StringAssert.EndsWith(names.Split("</ul>")[1].Trim().Split('\n')[0], "[rooms Lobby 2]");
        StringAssert.Contains(login, "[picker 2]");
        Assert.IsFalse(login.Contains("<select id=\"room\"", StringComparison.Ordinal), "the default picker is gone");
    }

    private sealed class Marked : DefaultPageRenderer
    {
        protected override string Document(ChatLanguage language, string title, string bodyClass, string body, string? extraHead = null) => $"[shell {title}]{body}";

        protected override string ErrorMessage(string? reason) => reason is null ? string.Empty : $"[error {reason}]";

        protected override string ColorClass(string? color) => "colour-" + color;

        protected override string RoleClass(ChatRole role) => "role-" + role;

        protected override string ModerationLink(TalkPage page) => "[delete lines]";

        protected override string PasswordLink(TalkPage page) => "[password]";

        protected override string UserModerationLink(TalkPage page) => "[moderate users]";

        protected override string UserActions(NamesPage page, string userName) => $"[actions {userName}]";

        protected override string RoomChooser(SessionPage session, IReadOnlyList<ChatRoomInfo> rooms) => $"[rooms {session.Room} {rooms.Count}]";

        protected override string RoomPicker(IReadOnlyList<ChatRoomInfo> rooms, ChatLanguage language) => $"[picker {rooms.Count}]";
    }
}
