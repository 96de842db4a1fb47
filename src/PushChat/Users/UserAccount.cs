using System;
using PushChat.Internal.Infrastructure;

namespace PushChat.Users;

/// <summary>
/// A registered user. Holds a salted PBKDF2 hash of the password, never the password itself.
/// Immutable: change an account with the <c>With…</c> methods and <see cref="IUserStore.UpdateAsync"/>.
/// Two accounts are equal when their name, password hash, role and colour are (ordinal
/// comparison), which is what a store compares before it applies an update.
/// </summary>
public sealed class UserAccount : IEquatable<UserAccount>
{
    /// <summary>Creates an account from stored values (for example a row read by a custom store).</summary>
    /// <param name="name">The user's name.</param>
    /// <param name="passwordHash">A hash made by <see cref="Create"/> or <see cref="WithPassword"/>.</param>
    /// <param name="role">The user's role.</param>
    /// <param name="color">The user's colour as <c>#rrggbb</c>, or <see langword="null"/>.</param>
    public UserAccount(string name, string passwordHash, ChatRole role, string? color)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException("An account needs a name.", nameof(name));
        }

        if (string.IsNullOrEmpty(passwordHash))
        {
            throw new ArgumentException("An account needs a password hash.", nameof(passwordHash));
        }

        Name = name;
        PasswordHash = passwordHash;
        Role = role;
        Color = color;
    }

    /// <summary>The user's name.</summary>
    public string Name { get; }

    /// <summary>The salted password hash, in a self-describing text form safe to store.</summary>
    public string PasswordHash { get; }

    /// <summary>The user's role.</summary>
    public ChatRole Role { get; }

    /// <summary>The user's colour as <c>#rrggbb</c>, or <see langword="null"/> to pick one from the palette.</summary>
    public string? Color { get; }

    /// <summary>Creates an account, hashing the password.</summary>
    /// <param name="name">The user's name.</param>
    /// <param name="password">The password in clear; only its hash is kept.</param>
    /// <param name="role">The user's role.</param>
    /// <param name="color">The user's colour as <c>#rrggbb</c>, or <see langword="null"/>.</param>
    /// <returns>The new account.</returns>
    public static UserAccount Create(string name, string password, ChatRole role = ChatRole.User, string? color = null) =>
        new(name, PasswordHasher.Hash(password), role, color);

    /// <summary>Checks a password against the stored hash, in constant time.</summary>
    /// <remarks>Runs PBKDF2 on the calling thread, which takes a core for hundreds of milliseconds.</remarks>
    /// <param name="password">The password typed.</param>
    /// <returns>Whether it matches.</returns>
    public bool VerifyPassword(string password) => PasswordHasher.Verify(password, PasswordHash);

    /// <summary>Returns a copy with a new password.</summary>
    /// <param name="password">The new password in clear; only its hash is kept.</param>
    /// <returns>The changed copy.</returns>
    public UserAccount WithPassword(string password) => new(Name, PasswordHasher.Hash(password), Role, Color);

    /// <summary>Returns a copy with a hash made elsewhere (an upgrade of the same password to the current work factor).</summary>
    internal UserAccount WithPasswordHash(string passwordHash) => new(Name, passwordHash, Role, Color);

    /// <summary>Returns a copy with a new role.</summary>
    /// <param name="role">The new role.</param>
    /// <returns>The changed copy.</returns>
    public UserAccount WithRole(ChatRole role) => new(Name, PasswordHash, role, Color);

    /// <summary>Whether the other account has the same name (same spelling), password hash, role and colour.</summary>
    /// <param name="other">Another account.</param>
    /// <returns><see langword="true"/> when every field is equal.</returns>
    public bool Equals(UserAccount? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Role == other.Role
                && string.Equals(Name, other.Name, StringComparison.Ordinal)
                && string.Equals(PasswordHash, other.PasswordHash, StringComparison.Ordinal)
                && string.Equals(Color, other.Color, StringComparison.Ordinal)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as UserAccount);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(PasswordHash);
}
