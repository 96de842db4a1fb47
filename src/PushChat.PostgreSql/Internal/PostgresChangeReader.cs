using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using PushChat.ScaleOut;

namespace PushChat.PostgreSql.Internal;

/// <summary>
/// Reads a chat's changes in order on a connection of its own that listens for the appenders'
/// notifications. A notification only wakes the reader: it reads the table, so a lost one costs at
/// most the poll interval. When the connection fails it connects again, waiting longer each time,
/// and goes on after the last change it gave out.
/// </summary>
internal sealed class PostgresChangeReader
{
    public const string Channel = "pushchat_changes";
    private const int BatchSize = 1000;
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(5);

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeSpan _pollInterval;

    public PostgresChangeReader(NpgsqlDataSource dataSource, TimeSpan pollInterval)
    {
        _dataSource = dataSource;
        _pollInterval = pollInterval;
    }

    public async IAsyncEnumerable<BackplaneChange> ReadAsync(long after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Listener? listener = null;
        var retry = FirstRetry;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                IReadOnlyList<BackplaneChange>? changes;
                try
                {
                    listener ??= await Listener.OpenAsync(_dataSource, cancellationToken).ConfigureAwait(false);
                    changes = await listener.NextAsync(after, _pollInterval, cancellationToken).ConfigureAwait(false);
                    retry = FirstRetry;
                }
                catch (Exception e) when (PostgresFailures.IsUnavailable(e) && !cancellationToken.IsCancellationRequested)
                {
                    changes = null;
                }

                if (changes is null)
                {
                    if (listener is not null)
                    {
                        await listener.DisposeAsync().ConfigureAwait(false);
                        listener = null;
                    }

                    await Task.Delay(retry, cancellationToken).ConfigureAwait(false);
                    retry = retry * 2 < LongestRetry ? retry * 2 : LongestRetry;
                    continue;
                }

                foreach (var change in changes)
                {
                    yield return change;
                    after = change.Position;
                }
            }
        }
        finally
        {
            if (listener is not null)
            {
                await listener.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>A connection that listens on the chat's channel and remembers whether it heard something since it last looked.</summary>
    private sealed class Listener : IAsyncDisposable
    {
        private readonly NpgsqlConnection _connection;
        private int _heard;

        private Listener(NpgsqlConnection connection)
        {
            _connection = connection;
            _connection.Notification += (_, _) => Volatile.Write(ref _heard, 1);
        }

        public static async Task<Listener> OpenAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
        {
            var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var listener = new Listener(connection);
                var listen = new NpgsqlCommand($"LISTEN {Channel}", connection);
                await using var listenDisposal = listen.ConfigureAwait(false);
                await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                return listener;
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        /// <summary>The next changes after <paramref name="after"/>; when there are none, waits for a notification or the poll interval and returns none.</summary>
        public async Task<IReadOnlyList<BackplaneChange>> NextAsync(long after, TimeSpan pollInterval, CancellationToken cancellationToken)
        {
            // Cleared before the query: a notification that arrives while it runs is raised
            // during it, and must not be waited for again afterwards.
            Volatile.Write(ref _heard, 0);
            var changes = await SelectAsync(after, cancellationToken).ConfigureAwait(false);
            if (changes.Count == 0 && Volatile.Read(ref _heard) == 0)
            {
                await _connection.WaitAsync(pollInterval, cancellationToken).ConfigureAwait(false);
            }

            return changes;
        }

        public ValueTask DisposeAsync() => _connection.DisposeAsync();

        private async Task<List<BackplaneChange>> SelectAsync(long after, CancellationToken cancellationToken)
        {
            var command = new NpgsqlCommand(
                $"SELECT position, at, node, payload FROM pushchat_changes WHERE position > $1 ORDER BY position LIMIT {BatchSize}",
                _connection);
            await using var commandDisposal = command.ConfigureAwait(false);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after });
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var readerDisposal = reader.ConfigureAwait(false);
            var changes = new List<BackplaneChange>();
            // Positions commit in order under the sequencer's row lock, so a gap cannot be seen; if
            // one ever were, stopping before it waits for the missing change instead of skipping it.
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && reader.GetInt64(0) == after + changes.Count + 1)
            {
                changes.Add(new BackplaneChange(
                    reader.GetInt64(0),
                    reader.GetFieldValue<DateTimeOffset>(1),
                    reader.GetString(2),
                    reader.GetFieldValue<byte[]>(3)));
            }

            return changes;
        }
    }
}
