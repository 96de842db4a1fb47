using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using PushChat.PostgreSql.Internal;
using PushChat.Users;

namespace PushChat.PostgreSql;

/// <summary>
/// Keeps accounts in a PostgreSQL database, so that every node of a scaled-out chat knows the same
/// users: set it as <see cref="ChatServerOptions.UserStore"/> of each server. Like the package's
/// other stores it finds an account by its name in any case or compatibility form, or by a
/// look-alike (<see cref="UserNames.Skeleton"/>), and refuses a new name that looks like one it
/// holds; an update is a compare-and-set in one statement.
/// </summary>
/// <remarks>Creates or upgrades the package's tables on first use.</remarks>
public sealed class PostgresUserStore : IUserStore, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly SemaphoreSlim _migrating = new(1, 1);
    private volatile bool _migrated;

    /// <summary>Creates the store; nothing is connected before the first call.</summary>
    /// <param name="connectionString">The Npgsql connection string of the chat's database.</param>
    public PostgresUserStore(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException("The user store needs a connection string.", nameof(connectionString));
        }

        _dataSource = PostgresDataSources.Create(connectionString);
    }

    /// <inheritdoc />
    public async ValueTask<UserAccount?> FindAsync(string name, CancellationToken cancellationToken)
    {
        if (name is null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        await MigrateOnceAsync(cancellationToken).ConfigureAwait(false);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);

        // The exact key first: a name whose skeleton another account shares is still found as itself.
        var command = new NpgsqlCommand(
            """
            SELECT name, password_hash, role, color FROM pushchat_users
            WHERE name_key = $1 OR skeleton = $2
            ORDER BY name_key = $1 DESC LIMIT 1
            """,
            connection);
        await using var commandDisposal = command.ConfigureAwait(false);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = KeyOf(name) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = UserNames.Skeleton(name) });
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerDisposal = reader.ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new UserAccount(
            reader.GetString(0),
            reader.GetString(1),
            Enum.Parse<ChatRole>(reader.GetString(2)),
            reader.IsDBNull(3) ? null : reader.GetString(3));
    }

    /// <inheritdoc />
    public async ValueTask<bool> CreateAsync(UserAccount account, CancellationToken cancellationToken)
    {
        if (account is null)
        {
            throw new ArgumentNullException(nameof(account));
        }

        await MigrateOnceAsync(cancellationToken).ConfigureAwait(false);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);

        // Both the key and the skeleton are unique: a taken name or a look-alike of one inserts nothing.
        var command = new NpgsqlCommand(
            """
            INSERT INTO pushchat_users (name_key, skeleton, name, password_hash, role, color)
            VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING
            """,
            connection);
        await using var commandDisposal = command.ConfigureAwait(false);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = KeyOf(account.Name) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = UserNames.Skeleton(account.Name) });
        AddFields(command, account);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async ValueTask<bool> UpdateAsync(UserAccount expected, UserAccount updated, CancellationToken cancellationToken)
    {
        if (expected is null)
        {
            throw new ArgumentNullException(nameof(expected));
        }

        if (updated is null)
        {
            throw new ArgumentNullException(nameof(updated));
        }

        var key = KeyOf(expected.Name);
        if (!string.Equals(key, KeyOf(updated.Name), StringComparison.Ordinal))
        {
            throw new ArgumentException("An update keeps the account's name; it cannot rename or replace another account.", nameof(updated));
        }

        await MigrateOnceAsync(cancellationToken).ConfigureAwait(false);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);

        // Compare-and-set in one statement: the row changes only if every field is as the caller read it.
        var command = new NpgsqlCommand(
            """
            UPDATE pushchat_users SET name = $2, password_hash = $3, role = $4, color = $5
            WHERE name_key = $1 AND name = $6 AND password_hash = $7 AND role = $8 AND color IS NOT DISTINCT FROM $9
            """,
            connection);
        await using var commandDisposal = command.ConfigureAwait(false);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        AddFields(command, updated);
        AddFields(command, expected); // $6 to $9
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Closes the store's connections.</summary>
    /// <returns>A task that completes when they are closed.</returns>
    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        _migrating.Dispose();
    }

    /// <summary>
    /// The account's key: the name's compatibility form (NFKC, so full-width letters are the plain
    /// ones) in upper case, as the package's other stores compare names (ordinal, ignoring case).
    /// </summary>
    internal static string KeyOf(string name) => name.Normalize(NormalizationForm.FormKC).ToUpperInvariant();

    private static void AddFields(NpgsqlCommand command, UserAccount account)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = account.Name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = account.PasswordHash });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = account.Role.ToString() });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = account.Color, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
    }

    private async Task MigrateOnceAsync(CancellationToken cancellationToken)
    {
        if (_migrated)
        {
            return;
        }

        await _migrating.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_migrated)
            {
                await PostgresSchema.MigrateAsync(_dataSource, cancellationToken).ConfigureAwait(false);
                _migrated = true;
            }
        }
        finally
        {
            _migrating.Release();
        }
    }
}
