using PushChat.Localization;

namespace PushChat.Rendering;

/// <summary>What an error page shows.</summary>
public sealed class ErrorPage
{
    /// <summary>Creates the model.</summary>
    /// <param name="title">The chat's title.</param>
    /// <param name="statusCode">The HTTP status the page is sent with.</param>
    /// <param name="message">What went wrong and what to do, in words for the user.</param>
    /// <param name="offerLogin">Whether to link back to the login page (for example after a session ended).</param>
    public ErrorPage(string title, int statusCode, string message, bool offerLogin)
    {
        Title = title;
        StatusCode = statusCode;
        Message = message;
        OfferLogin = offerLogin;
    }

    /// <summary>The chat's title.</summary>
    public string Title { get; }

    /// <summary>The HTTP status the page is sent with.</summary>
    public int StatusCode { get; }

    /// <summary>What went wrong and what to do, in words for the user.</summary>
    public string Message { get; }

    /// <summary>Whether to link back to the login page.</summary>
    public bool OfferLogin { get; }

    /// <summary>
    /// The reader's language, which the page's words are in: the session's for a session's pages,
    /// the browser's choice before login. A custom renderer takes its words and its
    /// <c>&lt;html lang&gt;</c> from it too.
    /// </summary>
    public ChatLanguage Language { get; init; } = ChatLanguage.English;
}
