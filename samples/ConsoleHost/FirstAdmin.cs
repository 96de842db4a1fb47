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

    /// <summary>What is wrong with the Chat:Admin settings (incomplete, contradictory, or a name nobody could log in with); empty when they can be applied.</summary>
    public static List<string> Problems(IConfiguration admin, int maxUserNameLength)
    {
        var problems = new List<string>();
        var name = admin["Name"]?.Trim();
        var password = admin["Password"];
        var hash = admin["PasswordHash"]?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            if (!string.IsNullOrEmpty(password) || !string.IsNullOrEmpty(hash))
            {
                problems.Add("Invalid setting Chat:Admin:Name: it is empty, but Chat:Admin:Password or Chat:Admin:PasswordHash is set.");
            }

            return problems;
        }

        if (UserNames.Check(name, maxUserNameLength) is { } refusal)
        {
            problems.Add($"Invalid setting Chat:Admin:Name = '{name}': nobody could log in with that name. {refusal}");
        }

        if (string.IsNullOrEmpty(password) == string.IsNullOrEmpty(hash))
        {
            problems.Add($"Invalid setting Chat:Admin:Name = '{name}': it needs exactly one of Chat:Admin:Password and Chat:Admin:PasswordHash.");
        }

        if (!string.IsNullOrEmpty(hash) && !hash.StartsWith(HashScheme, StringComparison.Ordinal))
        {
            problems.Add("Invalid setting Chat:Admin:PasswordHash: it is not a password hash; make one with: ConsoleHost hash-password");
        }

        return problems;
    }

    /// <summary>Creates the account; call it once <see cref="Problems"/> found none.</summary>
    /// <exception cref="InvalidOperationException">The account appeared meanwhile.</exception>
    public static async Task EnsureAsync(IUserStore users, IConfiguration admin, ILogger logger, CancellationToken cancellationToken)
    {
        var name = admin["Name"]?.Trim();
        var password = admin["Password"];
        var hash = admin["PasswordHash"]?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return;
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
