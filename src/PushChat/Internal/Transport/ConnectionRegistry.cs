using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using PushChat.Internal.Infrastructure;

namespace PushChat.Internal.Transport;

/// <summary>The open connections, with the server-wide and per-address caps.</summary>
internal sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<long, HttpConnection> _connections = new();
    private readonly Dictionary<AddressKey, int> _perAddress = new();
    private readonly int _maxConnections;
    private readonly int _maxPerAddress;
    private readonly int _prefixIPv6;
    private readonly ChatMetrics _metrics;
    private TaskCompletionSource<bool>? _whenEmpty;

    public ConnectionRegistry(ChatServerLimits limits, ChatMetrics metrics)
    {
        _metrics = metrics;
        _maxConnections = limits.MaxConnections;
        _maxPerAddress = limits.MaxConnectionsPerAddress;
        _prefixIPv6 = limits.AddressPrefixIPv6;
    }

    public int Count => _connections.Count;

    /// <summary>Raised after a connection was admitted; lets tests know the server holds it.</summary>
    public event Action<HttpConnection>? Added;

    public bool TryAdd(HttpConnection connection)
    {
        var address = AddressKey.Of(connection.RemoteEndPoint.Address, _prefixIPv6);
        lock (_perAddress)
        {
            _perAddress.TryGetValue(address, out var count);
            if (_connections.Count >= _maxConnections || count >= _maxPerAddress)
            {
                return false;
            }

            _perAddress[address] = count + 1;
            _connections[connection.Id] = connection;
        }

        _metrics.Connections.Add(1);
        Added?.Invoke(connection);
        return true;
    }

    public void Remove(HttpConnection connection)
    {
        var address = AddressKey.Of(connection.RemoteEndPoint.Address, _prefixIPv6);
        lock (_perAddress)
        {
            if (!_connections.TryRemove(connection.Id, out _))
            {
                return;
            }

            if (_connections.IsEmpty)
            {
                _whenEmpty?.TrySetResult(true);
            }

            if (_perAddress.TryGetValue(address, out var count) && count > 1)
            {
                _perAddress[address] = count - 1;
            }
            else
            {
                _perAddress.Remove(address);
            }
        }

        _metrics.Connections.Add(-1);
    }

    public void CheckDeadlines(long now)
    {
        foreach (var connection in _connections.Values)
        {
            connection.CheckDeadline(now);
        }
    }

    public void AbortAll()
    {
        foreach (var connection in _connections.Values)
        {
            connection.Abort();
        }
    }

    public IEnumerable<HttpConnection> Snapshot() => _connections.Values;

    /// <summary>Waits until every connection has closed, the timeout passed, or the token fired.</summary>
    public async Task WaitUntilEmptyAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var empty = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_perAddress)
        {
            _whenEmpty = empty;
            if (_connections.IsEmpty || timeout <= TimeSpan.Zero)
            {
                return;
            }
        }

        using var timer = time.CreateTimer(static state => ((TaskCompletionSource<bool>)state!).TrySetResult(false), empty, timeout, Timeout.InfiniteTimeSpan);
        using var registration = cancellationToken.Register(static state => ((TaskCompletionSource<bool>)state!).TrySetResult(false), empty);
        await empty.Task.ConfigureAwait(false);
    }
}
