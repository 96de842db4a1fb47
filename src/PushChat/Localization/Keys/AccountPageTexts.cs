namespace PushChat.Localization.Keys;

/// <summary>The keys of the login, registration and password pages' words (Texts/*/pages.json).</summary>
internal static class AccountPageTexts
{
    public const string Name = "page.account.name";
    public const string Password = "page.account.password";
    public const string PasswordLength = "page.account.password-length";
    public const string PasswordAgain = "page.account.password-again";
    public const string Room = "page.account.room";
    public const string BackToLogin = "page.account.back-to-login";
    public const string Language = "page.login.language";
    public const string OtherLanguages = "page.login.other-languages";
    public const string ChatPage = "page.login.chat-page";
    public const string ClassicPage = "page.login.classic-page";
    public const string ModernPage = "page.login.modern-page";
    public const string Enter = "page.login.enter";
    public const string GuestHint = "page.login.guest-hint";
    public const string RegisterHint = "page.login.register-hint";
    public const string CreateAccount = "page.register.create-account";
    public const string RegisterAndEnter = "page.register.register-and-enter";
    public const string RegisteredButNotEntered = "page.register.registered-not-entered";
    public const string RegistrationClosed = "page.register.closed";
    public const string NoSuchAccount = "page.offer.no-such-account";
    public const string NameIsFree = "page.offer.name-is-free";
    public const string RegisterName = "page.offer.register-name";
    public const string PasswordChanged = "page.password.changed";
    public const string ChangePasswordOf = "page.password.heading";
    public const string CurrentPassword = "page.password.current";
    public const string NewPassword = "page.password.new";
    public const string NewPasswordAgain = "page.password.new-again";
    public const string ChangePassword = "page.password.change";
    public const string OtherSessionsEnd = "page.password.other-sessions-end";
    public const string OnlyRegisteredChangePasswords = "page.password.only-registered";
}
