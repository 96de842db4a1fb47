using PushChat.Localization;

namespace PushChat.Rendering;

/// <summary>What the registration page shows, and the page that offers to register a name that has no account.</summary>
public sealed class RegisterPage
{
    /// <summary>Creates the model.</summary>
    /// <param name="title">The chat's title.</param>
    /// <param name="userName">The name to fill in, or <see langword="null"/>.</param>
    /// <param name="error">Why the last attempt was refused, or <see langword="null"/>.</param>
    /// <param name="minPasswordLength">The shortest password allowed, in characters.</param>
    /// <param name="maxPasswordLength">The longest password allowed, in characters.</param>
    public RegisterPage(string title, string? userName, string? error, int minPasswordLength, int maxPasswordLength)
    {
        Title = title;
        UserName = userName;
        Error = error;
        MinPasswordLength = minPasswordLength;
        MaxPasswordLength = maxPasswordLength;
    }

    /// <summary>The chat's title.</summary>
    public string Title { get; }

    /// <summary>The name to fill in (typed before, or carried from the login page), or <see langword="null"/>.</summary>
    public string? UserName { get; }

    /// <summary>Why the last attempt was refused, or <see langword="null"/>.</summary>
    public string? Error { get; }

    /// <summary>The shortest password allowed, in characters (<see cref="ChatServerLimits.MinPasswordLength"/>).</summary>
    public int MinPasswordLength { get; }

    /// <summary>The longest password allowed, in characters (<see cref="ChatServerLimits.MaxPasswordLength"/>).</summary>
    public int MaxPasswordLength { get; }

    /// <summary>The longest name allowed, in characters (<see cref="ChatServerLimits.MaxUserNameLength"/>), for the name box.</summary>
    public int MaxUserNameLength { get; init; } = new ChatServerLimits().MaxUserNameLength;

    /// <summary>
    /// The reader's language, which the page's words are in: the session's for a session's pages,
    /// the browser's choice before login. A custom renderer takes its words and its
    /// <c>&lt;html lang&gt;</c> from it too.
    /// </summary>
    public ChatLanguage Language { get; init; } = ChatLanguage.English;
}
