using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace PushChat.PostgreSql.Internal;

/// <summary>
/// Tells the other nodes that this one is alive (a row stamped by the database's clock, so nodes
/// with skewed clocks agree) and holds the chat's leadership: a session-level advisory lock on a
/// connection of its own. The server releases that lock when the connection dies, so another
/// node takes the lead at its next heartbeat.
/// </summary>
internal sealed class PostgresNodePresence : IAsyncDisposable
{
    /// <summary>The advisory lock of the chat's leader; another key than the migrations' lock.</summary>
    private const long LeaderLockKey = 0x7075_7368_6368_6D02;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _nodeId;
    private readonly TimeSpan _nodeTimeout;
    private NpgsqlConnection? _leaderConnection;
    private volatile bool _isLeader;

    public PostgresNodePresence(NpgsqlDataSource dataSource, string nodeId, TimeSpan nodeTimeout)
    {
        _nodeTimeout = nodeTimeout;
        _dataSource = dataSource;
        _nodeId = nodeId;
    }

    public bool IsLeader => _isLeader;

    /// <summary>The session that holds or tries to take the lead, for tests.</summary>
    internal NpgsqlConnection? LeaderConnection => _leaderConnection;

    /// <summary>One heartbeat: says the node is alive, then keeps or tries to take the lead. Failures leave the node without the lead and are tried again next time.</summary>
    public async Task BeatAsync(CancellationToken cancellationToken)
    {
        try
        {
            var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var connectionDisposal = connection.ConfigureAwait(false);
            var command = new NpgsqlCommand(
                "INSERT INTO pushchat_nodes (node, seen) VALUES ($1, now()) ON CONFLICT (node) DO UPDATE SET seen = now()",
                connection);
            await using var commandDisposal = command.ConfigureAwait(false);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _nodeId });
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (PostgresFailures.IsUnavailable(e) && !cancellationToken.IsCancellationRequested)
        {
            // Counted as missed: the others see this node's row age and the lead is checked below.
        }

        await LeadAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Leaves: deletes the node's row and gives up the lead.</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        await ReleaseLeadAsync().ConfigureAwait(false);
        try
        {
            var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var connectionDisposal = connection.ConfigureAwait(false);
            var command = new NpgsqlCommand("DELETE FROM pushchat_nodes WHERE node = $1", connection);
            await using var commandDisposal = command.ConfigureAwait(false);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _nodeId });
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (PostgresFailures.IsUnavailable(e))
        {
            // The row ages out after the node timeout instead.
        }
    }

    public ValueTask DisposeAsync() => ReleaseLeadAsync();

    private async Task LeadAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_leaderConnection is { FullState: not System.Data.ConnectionState.Open })
            {
                // Broken since the last heartbeat: the lock went with the session.
                await ReleaseLeadAsync().ConfigureAwait(false);
            }

            if (_leaderConnection is null)
            {
                _leaderConnection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await AskToNoticeVanishingAsync(_leaderConnection, cancellationToken).ConfigureAwait(false);
            }

            // A leader asks again too: the question fails on a broken connection, which is how a
            // leader learns that it lost the lock with its session.
            var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({LeaderLockKey})", _leaderConnection);
            await using var commandDisposal = command.ConfigureAwait(false);
            var held = (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            if (held && _isLeader)
            {
                // Taken twice by one session: undo the second so one unlock releases it.
                var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({LeaderLockKey})", _leaderConnection);
                await using var unlockDisposal = unlock.ConfigureAwait(false);
                await unlock.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            }

            _isLeader = held;
        }
        catch (Exception e) when (PostgresFailures.IsUnavailable(e) && !cancellationToken.IsCancellationRequested)
        {
            await ReleaseLeadAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A leader whose machine vanishes sends no FIN: without keepalives the server would keep its
    /// session, and the lock, for hours (the kernel's default: two hours idle). Probed from a third
    /// of the node timeout, twice, a sixth apart, the session ends within the node timeout.
    /// </summary>
    private async Task AskToNoticeVanishingAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var seconds = _nodeTimeout.TotalSeconds;
        var idle = Math.Max(1, (int)(seconds / 3));
        var interval = Math.Max(1, (int)(seconds / 6));
        var command = new NpgsqlCommand(
            FormattableString.Invariant($"SET tcp_keepalives_idle = {idle}; SET tcp_keepalives_interval = {interval}; SET tcp_keepalives_count = 2"),
            connection);
        await using var commandDisposal = command.ConfigureAwait(false);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gives up the lead: closes the session that holds the lock, so the server releases it.</summary>
    public async ValueTask ReleaseLeadAsync()
    {
        _isLeader = false;
        var connection = _leaderConnection;
        _leaderConnection = null;
        if (connection is null)
        {
            return;
        }

        if (connection.FullState != System.Data.ConnectionState.Open)
        {
            // A broken session: the server released its locks when it died.
            await connection.DisposeAsync().ConfigureAwait(false);
            return;
        }

        try
        {
            // Released by hand: the connection goes back to the pool, where its session lives on.
            var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", connection);
            await using var unlockDisposal = unlock.ConfigureAwait(false);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (PostgresFailures.IsUnavailable(e))
        {
            // Broken meanwhile: the server released its locks when it died.
        }
        finally
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
