using System;

namespace PushChat.Authentication;

/// <summary>The answer of an <see cref="IAuthenticator"/>: an accepted user or a refusal.</summary>
public sealed class AuthenticationResult
{
    private AuthenticationResult(bool succeeded, string userName, ChatRole role, string? color, string? failureReason)
    {
        Succeeded = succeeded;
        UserName = userName;
        Role = role;
        Color = color;
        FailureReason = failureReason;
    }

    /// <summary>Whether the login is accepted.</summary>
    public bool Succeeded { get; }

    /// <summary>The name the user will chat under (may differ in case from what was typed).</summary>
    public string UserName { get; }

    /// <summary>The role of the accepted user.</summary>
    public ChatRole Role { get; }

    /// <summary>The accepted user's colour as <c>#rrggbb</c>, or <see langword="null"/> to pick one from the palette.</summary>
    public string? Color { get; }

    /// <summary>Why the login was refused, shown to the user on the login page.</summary>
    public string? FailureReason { get; }

    /// <summary>Accepts a login.</summary>
    /// <param name="userName">The name the user will chat under.</param>
    /// <param name="role">The user's role.</param>
    /// <param name="color">A colour as <c>#rrggbb</c>, or <see langword="null"/> to pick one.</param>
    /// <returns>The accepting result.</returns>
    public static AuthenticationResult Success(string userName, ChatRole role, string? color = null)
    {
        if (string.IsNullOrEmpty(userName))
        {
            throw new ArgumentException("An accepted login needs a user name.", nameof(userName));
        }

        return new AuthenticationResult(true, userName, role, color, null);
    }

    /// <summary>Refuses a login.</summary>
    /// <param name="reason">Why, in words for the user; do not reveal whether the name exists.</param>
    /// <returns>The refusing result.</returns>
    public static AuthenticationResult Failure(string reason)
    {
        if (string.IsNullOrEmpty(reason))
        {
            throw new ArgumentException("A refusal needs a reason for the user.", nameof(reason));
        }

        return new AuthenticationResult(false, string.Empty, ChatRole.Guest, null, reason);
    }
}
