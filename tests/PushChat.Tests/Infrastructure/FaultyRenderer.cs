using PushChat.Localization;
using PushChat.Rendering;

namespace PushChat.Tests.Infrastructure;

/// <summary>The default look, except the pages a test breaks on purpose.</summary>
public sealed class FaultyRenderer : IPageRenderer
{
    private readonly DefaultPageRenderer _default = new();

    public bool BreakChatEnd { get; set; }

    public bool BreakErrorPage { get; set; }

    public bool BreakLines { get; set; }

    public string StyleSheet => _default.StyleSheet;

    public string RenderLogin(LoginPage page) => _default.RenderLogin(page);

    public string RenderFrameset(SessionPage page) => _default.RenderFrameset(page);

    public string RenderChatStart(SessionPage page) => _default.RenderChatStart(page);

    public string RenderLine(ChatMessage message, ChatLanguage language) => BreakLines ? throw new InvalidOperationException("line bug") : _default.RenderLine(message, language);

    public string RenderLineDeleted(ChatMessage message) => BreakLines ? throw new InvalidOperationException("deletion bug") : _default.RenderLineDeleted(message);

    public string RenderHiddenLineStyle(string room, long sequence) => _default.RenderHiddenLineStyle(room, sequence);

    public string RenderLines(LinesPage page) => _default.RenderLines(page);

    public string RenderModeration(ModerationPage page) => _default.RenderModeration(page);

    public string RenderChatEnd() => BreakChatEnd ? throw new InvalidOperationException("goodbye bug") : _default.RenderChatEnd();

    public string RenderTalk(TalkPage page) => _default.RenderTalk(page);

    public string RenderNamesStart(SessionPage page) => _default.RenderNamesStart(page);

    public string RenderNames(NamesPage page) => _default.RenderNames(page);

    public string RenderNamesEnd(SessionPage page) => _default.RenderNamesEnd(page);

    public string RenderRegister(RegisterPage page) => _default.RenderRegister(page);

    public string RenderRegisterOffer(RegisterPage page) => _default.RenderRegisterOffer(page);

    public string RenderPassword(PasswordPage page) => _default.RenderPassword(page);

    public string RenderError(ErrorPage page) => BreakErrorPage ? throw new InvalidOperationException("error page bug") : _default.RenderError(page);
}
