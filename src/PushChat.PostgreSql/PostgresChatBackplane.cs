using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using PushChat.PostgreSql.Internal;
using PushChat.ScaleOut;

namespace PushChat.PostgreSql;

/// <summary>
/// Joins servers on several machines into one chat through a PostgreSQL database: set one, with
/// its own <see cref="PostgresBackplaneOptions.NodeId"/>, as <see cref="ChatServerOptions.Backplane"/>
/// of each server. Changes are kept in a table in the order their transactions committed, with
/// no gaps; readers are woken by <c>NOTIFY</c> and poll as a fallback; nodes say they are alive in
/// a table stamped by the database's clock; the leader holds an advisory lock.
/// </summary>
/// <remarks>
/// <see cref="StartAsync"/> creates or upgrades the package's tables (all named <c>pushchat_…</c>).
/// Changes are never deleted by the backplane.
/// </remarks>
/// <example>
/// <code>
/// var server = new ChatServer(new ChatServerOptions
/// {
///     Backplane = new PostgresChatBackplane(new PostgresBackplaneOptions { ConnectionString = "Host=db;Database=chat;Username=chat;Password=…" }),
/// });
/// </code>
/// </example>
public sealed class PostgresChatBackplane : IChatBackplane, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresChangeReader _reader;
    private readonly PostgresNodePresence _presence;
    private readonly TimeSpan _nodeTimeout;
    private readonly TimeSpan _heartbeatInterval;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _heartbeats;
    private int _state;

    /// <summary>Creates the node; nothing is connected before <see cref="StartAsync"/>.</summary>
    /// <param name="options">The database and the timings; read once here.</param>
    /// <exception cref="ArgumentException">The connection string or the node's name is missing, or a timing is not positive.</exception>
    public PostgresChatBackplane(PostgresBackplaneOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        options.Validate();
        NodeId = options.NodeId;
        _nodeTimeout = options.NodeTimeout;
        _heartbeatInterval = options.HeartbeatInterval;
        _dataSource = PostgresDataSources.Create(options.ConnectionString);
        _reader = new PostgresChangeReader(_dataSource, options.PollInterval);
        _presence = new PostgresNodePresence(_dataSource, NodeId, options.NodeTimeout);
    }

    /// <inheritdoc />
    public string NodeId { get; }

    /// <inheritdoc />
    public bool IsLeader => _presence.IsLeader;

    /// <inheritdoc />
    /// <exception cref="BackplaneUnavailableException">The database could not be reached.</exception>
    /// <exception cref="InvalidOperationException">The node was started before, or the database holds a newer schema than this package knows.</exception>
    public async Task<BackplaneStart> StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("A backplane node starts once.");
        }

        BackplaneStart start;
        try
        {
            await PostgresSchema.MigrateAsync(_dataSource, cancellationToken).ConfigureAwait(false);
            var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var connectionDisposal = connection.ConfigureAwait(false);
            var command = new NpgsqlCommand("SELECT chat_id, head FROM pushchat_chat WHERE id = 1", connection);
            await using var commandDisposal = command.ConfigureAwait(false);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var readerDisposal = reader.ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            start = new BackplaneStart(reader.GetInt64(0), reader.GetInt64(1));
        }
        catch (Exception e)
        {
            // Not started: the host may try again with this node.
            Volatile.Write(ref _state, 0);
            if (PostgresFailures.IsUnavailable(e) && !cancellationToken.IsCancellationRequested)
            {
                throw Unavailable("join the chat", e);
            }

            throw;
        }

        await _presence.BeatAsync(cancellationToken).ConfigureAwait(false);
        _heartbeats = BeatUntilStoppedAsync(_stopping.Token);
        return start;
    }

    /// <inheritdoc />
    public async Task<BackplaneChange> AppendAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        try
        {
            var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var connectionDisposal = connection.ConfigureAwait(false);

            // One statement, committed on its own: the sequencer's row lock is held from the update
            // to the commit inside the server, never across a round trip to this node, so appenders
            // queue on it only as long as an insert takes, and positions commit in their order,
            // without gaps. The timestamp never goes back even if the database's clock does. The
            // notification only wakes the readers up (sent at commit); they read the table, never it.
            var append = new NpgsqlCommand(
                """
                WITH next AS (
                    UPDATE pushchat_chat SET head = head + 1, head_at = greatest(head_at, clock_timestamp())
                    WHERE id = 1 RETURNING head, head_at),
                appended AS (
                    INSERT INTO pushchat_changes (position, at, node, payload)
                    SELECT head, head_at, $1, $2 FROM next
                    RETURNING position, at)
                SELECT position, at, pg_notify($3, '') FROM appended
                """,
                connection);
            await using var appendDisposal = append.ConfigureAwait(false);
            append.Parameters.Add(new NpgsqlParameter<string> { TypedValue = NodeId });
            append.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = payload });
            append.Parameters.Add(new NpgsqlParameter<string> { TypedValue = PostgresChangeReader.Channel });
            long position;
            DateTimeOffset at;
            var reader = await append.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                position = reader.GetInt64(0);
                at = reader.GetFieldValue<DateTimeOffset>(1);
            }

            return new BackplaneChange(position, at, NodeId, payload.ToArray());
        }
        catch (Exception e) when (PostgresFailures.IsUnavailable(e) && !cancellationToken.IsCancellationRequested)
        {
            throw Unavailable("store a change", e);
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<BackplaneChange> ReadAsync(long after, CancellationToken cancellationToken) => _reader.ReadAsync(after, cancellationToken);

    /// <inheritdoc />
    public async Task<long> HeadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var connectionDisposal = connection.ConfigureAwait(false);
            var command = new NpgsqlCommand("SELECT head FROM pushchat_chat WHERE id = 1", connection);
            await using var commandDisposal = command.ConfigureAwait(false);
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        catch (Exception e) when (PostgresFailures.IsUnavailable(e) && !cancellationToken.IsCancellationRequested)
        {
            throw Unavailable("read the newest position", e);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyCollection<string>> LiveNodesAsync(CancellationToken cancellationToken)
    {
        try
        {
            var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var connectionDisposal = connection.ConfigureAwait(false);
            var command = new NpgsqlCommand("SELECT node FROM pushchat_nodes WHERE seen > now() - $1 ORDER BY node", connection);
            await using var commandDisposal = command.ConfigureAwait(false);
            command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = _nodeTimeout });
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var readerDisposal = reader.ConfigureAwait(false);
            var nodes = new List<string>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                nodes.Add(reader.GetString(0));
            }

            return nodes;
        }
        catch (Exception e) when (PostgresFailures.IsUnavailable(e) && !cancellationToken.IsCancellationRequested)
        {
            throw Unavailable("read the live nodes", e);
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, 2, 1) != 1)
        {
            return;
        }

        await StopBeatingAsync().ConfigureAwait(false);
        await _presence.LeaveAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Closes the node's connections. Without <see cref="StopAsync"/> first, the node is not
    /// removed from the live nodes: the others notice it is gone after
    /// <see cref="PostgresBackplaneOptions.NodeTimeout"/>, as they would if its process died.
    /// </summary>
    /// <returns>A task that completes when the connections are closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _state, 3) == 3)
        {
            return;
        }

        await StopBeatingAsync().ConfigureAwait(false);
        await _presence.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private BackplaneUnavailableException Unavailable(string what, Exception cause)
    {
        // The pool's idle connections are likely dead too (a restarted server): dropped now, the
        // next call connects afresh instead of failing once more on each of them.
        _dataSource.Clear();
        return new($"The chat's PostgreSQL database could not be reached to {what}: {cause.Message}", cause);
    }

    private async Task StopBeatingAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_heartbeats is not null)
        {
            await _heartbeats.ConfigureAwait(false);
        }
    }

    /// <summary>One heartbeat now, as the timer gives them: says the node is alive, then keeps or tries to take the lead.</summary>
    internal Task BeatNowAsync(CancellationToken cancellationToken) => _presence.BeatAsync(cancellationToken);

    private async Task BeatUntilStoppedAsync(CancellationToken stopping)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_heartbeatInterval, stopping).ConfigureAwait(false);
                try
                {
                    await _presence.BeatAsync(stopping).ConfigureAwait(false);
                }
                catch (Exception) when (!stopping.IsCancellationRequested)
                {
                    // Any failure (a database gone read-only, a full disk): this node must not keep
                    // the lead it cannot prove; it beats again next time.
                    await _presence.ReleaseLeadAsync().ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped.
        }
    }
}
