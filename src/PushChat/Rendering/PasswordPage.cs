using PushChat.Localization;

namespace PushChat.Rendering;

/// <summary>What the password page of a registered user shows.</summary>
public sealed class PasswordPage
{
    /// <summary>Creates the model.</summary>
    /// <param name="session">Whose password it is.</param>
    /// <param name="error">Why the last attempt was refused, or <see langword="null"/>.</param>
    /// <param name="changed">Whether the password was just changed.</param>
    /// <param name="minPasswordLength">The shortest password allowed, in characters.</param>
    /// <param name="maxPasswordLength">The longest password allowed, in characters.</param>
    public PasswordPage(SessionPage session, string? error, bool changed, int minPasswordLength, int maxPasswordLength)
    {
        Session = session;
        Error = error;
        Changed = changed;
        MinPasswordLength = minPasswordLength;
        MaxPasswordLength = maxPasswordLength;
    }

    /// <summary>Whose password it is.</summary>
    public SessionPage Session { get; }

    /// <summary>Why the last attempt was refused, or <see langword="null"/>.</summary>
    public string? Error { get; }

    /// <summary>Whether the password was just changed (the user's other sessions have ended).</summary>
    public bool Changed { get; }

    /// <summary>The shortest password allowed, in characters (<see cref="ChatServerLimits.MinPasswordLength"/>).</summary>
    public int MinPasswordLength { get; }

    /// <summary>The longest password allowed, in characters (<see cref="ChatServerLimits.MaxPasswordLength"/>).</summary>
    public int MaxPasswordLength { get; }

    /// <summary>
    /// The reader's language, which the page's words are in: the session's for a session's pages,
    /// the browser's choice before login. A custom renderer takes its words and its
    /// <c>&lt;html lang&gt;</c> from it too.
    /// </summary>
    public ChatLanguage Language { get; init; } = ChatLanguage.English;
}
