using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace PushChat.PostgreSql.Internal;

/// <summary>
/// Creates and upgrades the package's tables. Each step runs in a transaction of its own under a
/// transaction-level advisory lock, so nodes that start together apply it once, one after the
/// other, and a step that fails leaves the version before it.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>The lock key of migrations: "pushchat" spelled as hex-ish digits, far from any key an application would pick.</summary>
    private const long MigrationLockKey = 0x7075_7368_6368_6D01;

    private const string CreateVersionTable = """
        CREATE TABLE IF NOT EXISTS pushchat_schema (id int PRIMARY KEY CHECK (id = 1), version int NOT NULL);
        INSERT INTO pushchat_schema (id, version) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
        """;

    /// <summary>Step <c>i</c> takes the schema from version <c>i</c> to <c>i + 1</c>; never change a step once released, add one.</summary>
    private static readonly IReadOnlyList<string> Steps =
    [
        // 1: the chat's order of changes, its sequencer and its nodes. The chat's number is drawn
        // here, once, from 1 to 2^32.
        """
        CREATE TABLE pushchat_chat (
            id int PRIMARY KEY CHECK (id = 1),
            chat_id bigint NOT NULL,
            head bigint NOT NULL,
            head_at timestamptz NOT NULL);
        INSERT INTO pushchat_chat (id, chat_id, head, head_at)
            VALUES (1, floor(random() * 4294967296)::bigint + 1, 0, to_timestamp(0));
        CREATE TABLE pushchat_changes (
            position bigint PRIMARY KEY,
            at timestamptz NOT NULL,
            node text NOT NULL,
            payload bytea NOT NULL);
        CREATE TABLE pushchat_nodes (
            node text PRIMARY KEY,
            seen timestamptz NOT NULL);
        """,

        // 2: accounts, keyed by the name without regard to case and by its look-alike skeleton.
        """
        CREATE TABLE pushchat_users (
            name_key text PRIMARY KEY,
            skeleton text NOT NULL UNIQUE,
            name text NOT NULL,
            password_hash text NOT NULL,
            role text NOT NULL,
            color text);
        """,
    ];

    /// <summary>The version this package creates.</summary>
    public static int Latest => Steps.Count;

    /// <summary>Brings the database up to <paramref name="target"/> (the latest by default).</summary>
    /// <exception cref="InvalidOperationException">The database's schema is newer than this package.</exception>
    public static async Task MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken, int? target = null)
    {
        var upTo = target ?? Latest;
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        while (true)
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var transactionDisposal = transaction.ConfigureAwait(false);
            await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({MigrationLockKey})", cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, CreateVersionTable, cancellationToken).ConfigureAwait(false);
            var version = await VersionAsync(connection, cancellationToken).ConfigureAwait(false);
            if (version > Latest)
            {
                throw new InvalidOperationException(
                    $"The database holds PushChat's schema version {version}, newer than the {Latest} this PushChat.PostgreSql package knows: update the package on this node.");
            }

            if (version >= upTo)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return;
            }

            await ExecuteAsync(connection, Steps[version], cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, $"UPDATE pushchat_schema SET version = {version + 1}", cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The schema's version, 0 when the package never ran on the database.</summary>
    public static async Task<int> VersionAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var command = new NpgsqlCommand("SELECT to_regclass('pushchat_schema') IS NOT NULL", connection);
        await using var commandDisposal = command.ConfigureAwait(false);
        var exists = (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        return exists ? await VersionAsync(connection, cancellationToken).ConfigureAwait(false) : 0;
    }

    private static async Task<int> VersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand("SELECT version FROM pushchat_schema WHERE id = 1", connection);
        await using var commandDisposal = command.ConfigureAwait(false);
        return (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(sql, connection);
        await using var commandDisposal = command.ConfigureAwait(false);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
