namespace PushChat.Localization.Keys;

/// <summary>The keys of the error pages' messages and of the plain-text refusals of a request (Texts/*/pages.json).</summary>
internal static class ErrorPageTexts
{
    public const string SessionEnded = "page.error.session-ended";
    public const string OtherBrowser = "page.error.other-browser";
    public const string UnknownHost = "page.error.unknown-host";
    public const string NoSuchPage = "page.error.no-such-page";
    public const string CrossSiteForm = "page.error.cross-site-form";
    public const string WhichLine = "page.error.which-line";
    public const string StaleDeleteButton = "page.error.stale-delete-button";
    public const string StaleChatAddress = "page.error.stale-chat-address";
    public const string ServerFailed = "page.error.server-failed";
    public const string FormEncoding = "page.error.form-encoding";
    public const string MethodNotAllowed = "page.error.method-not-allowed";
}
