using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using PushChat.Users;

namespace PushChat.ConsoleHost;

/// <summary>
/// Creates the first administrator from configuration (Chat:Admin:Name with Chat:Admin:Password
/// or Chat:Admin:PasswordHash) when no account of that name exists yet. An existing account is
/// never changed, so the settings can stay in place, though a password is better removed once
/// the account exists.
/// </summary>
internal static class FirstAdmin
{
    private const string HashScheme = "pbkdf2-sha256$";

    /// <exception cref="InvalidOperationException">The settings are incomplete or contradictory.</exception>
    public static async Task EnsureAsync(IUserStore users, IConfiguration admin, ILogger logger, CancellationToken cancellationToken)
    {
        var name = admin["Name"]?.Trim();
        var password = admin["Password"];
        var hash = admin["PasswordHash"]?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            if (!string.IsNullOrEmpty(password) || !string.IsNullOrEmpty(hash))
            {
                throw new InvalidOperationException("Chat:Admin:Password or Chat:Admin:PasswordHash is set without Chat:Admin:Name.");
            }

            return;
        }

        if (string.IsNullOrEmpty(password) == string.IsNullOrEmpty(hash))
        {
            throw new InvalidOperationException($"Chat:Admin:Name '{name}' needs exactly one of Chat:Admin:Password and Chat:Admin:PasswordHash.");
        }

        if (await users.FindAsync(name, cancellationToken) is { } existing)
        {
            HostLog.AdminExists(logger, existing.Name, existing.Role);
            if (!string.IsNullOrEmpty(password))
            {
                HostLog.RemoveAdminPassword(logger);
            }

            return;
        }

        if (hash is not null && !hash.StartsWith(HashScheme, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Chat:Admin:PasswordHash is not a password hash; make one with: ConsoleHost hash-password");
        }

        var account = string.IsNullOrEmpty(hash)
            ? UserAccount.Create(name, password!, ChatRole.Admin)
            : new UserAccount(name, hash, ChatRole.Admin, null);
        if (!await users.CreateAsync(account, cancellationToken))
        {
            throw new InvalidOperationException($"The account {name} appeared while the administrator was being created; start again.");
        }

        HostLog.AdminCreated(logger, name);
        if (!string.IsNullOrEmpty(password))
        {
            HostLog.RemoveAdminPassword(logger);
        }
    }
}
