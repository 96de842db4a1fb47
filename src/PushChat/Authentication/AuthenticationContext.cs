using System;
using System.Net;
using PushChat.Localization;

namespace PushChat.Authentication;

/// <summary>What an <see cref="IAuthenticator"/> decides on.</summary>
public sealed class AuthenticationContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="userName">The name typed, already checked against the name rules.</param>
    /// <param name="password">The password typed; may be empty. Never log it.</param>
    /// <param name="remoteEndPoint">Where the login request came from.</param>
    public AuthenticationContext(string userName, string password, IPEndPoint remoteEndPoint)
    {
        UserName = userName ?? throw new ArgumentNullException(nameof(userName));
        Password = password ?? throw new ArgumentNullException(nameof(password));
        RemoteEndPoint = remoteEndPoint ?? throw new ArgumentNullException(nameof(remoteEndPoint));
    }

    /// <summary>The name typed, already checked against the name rules.</summary>
    public string UserName { get; }

    /// <summary>The password typed; may be empty. Never log it.</summary>
    public string Password { get; }

    /// <summary>Where the login request came from.</summary>
    public IPEndPoint RemoteEndPoint { get; }

    /// <summary>
    /// The language the user reads the chat in (picked on the login page, or their browser's), so
    /// that an authenticator can word its refusal in it: <c>context.Language.Format(key, …)</c>
    /// with a key of its own added to the language, or its own texts. Default English.
    /// </summary>
    public ChatLanguage Language { get; init; } = ChatLanguage.English;
}
