using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using PushChat.Internal.Http;
using PushChat.Internal.Infrastructure;

namespace PushChat.Internal.Transport;

/// <summary>
/// The open connections, with the server-wide and per-address caps. A trusted proxy's
/// connections count against its own, larger cap when accepted; while a request through it is
/// answered, or the stream it started is open, the connection also counts against the per-address
/// cap of the client the request names, as if the client had connected itself.
/// </summary>
internal sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<long, HttpConnection> _connections = new();
    private readonly Dictionary<AddressKey, int> _perAddress = new();

    // The forwarded client each proxied connection counts for; guarded by _perAddress.
    private readonly Dictionary<long, AddressKey> _forwardedClients = new();
    private readonly int _maxConnections;
    private readonly int _maxPerAddress;
    private readonly int _maxPerProxy;
    private readonly int _prefixIPv6;
    private readonly TrustedProxies _proxies;
    private readonly ChatMetrics _metrics;
    private TaskCompletionSource<bool>? _whenEmpty;

    public ConnectionRegistry(ChatServerLimits limits, ChatMetrics metrics, TrustedProxies? proxies = null)
    {
        _metrics = metrics;
        _maxConnections = limits.MaxConnections;
        _maxPerAddress = limits.MaxConnectionsPerAddress;
        _maxPerProxy = Math.Min(limits.MaxConnectionsPerTrustedProxy, limits.MaxConnections);
        _prefixIPv6 = limits.AddressPrefixIPv6;
        _proxies = proxies ?? TrustedProxies.None;
    }

    public int Count => _connections.Count;

    /// <summary>Raised after a connection was admitted; lets tests know the server holds it.</summary>
    public event Action<HttpConnection>? Added;

    public bool TryAdd(HttpConnection connection)
    {
        var address = AddressKey.Of(connection.RemoteEndPoint.Address, _prefixIPv6);
        var cap = _proxies.IsTrusted(connection.RemoteEndPoint.Address) ? _maxPerProxy : _maxPerAddress;
        lock (_perAddress)
        {
            _perAddress.TryGetValue(address, out var count);
            if (_connections.Count >= _maxConnections || count >= cap)
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

    /// <summary>
    /// Counts a connection from a trusted proxy against the client its current request names
    /// (null: none, which gives back the place of the client it counted for before). False, counting it for nobody,
    /// when that client already holds <see cref="ChatServerLimits.MaxConnectionsPerAddress"/>.
    /// </summary>
    public bool TryCountForwardedClient(HttpConnection connection, IPAddress? client)
    {
        var key = client is null ? (AddressKey?)null : AddressKey.Of(client, _prefixIPv6);
        lock (_perAddress)
        {
            if (!_connections.ContainsKey(connection.Id))
            {
                // Closed meanwhile: nothing may be counted that Remove would not release.
                return true;
            }

            var counted = _forwardedClients.TryGetValue(connection.Id, out var current);
            if (counted && key is { } same && same.Equals(current))
            {
                return true;
            }

            if (counted)
            {
                Release(current);
                _forwardedClients.Remove(connection.Id);
            }

            if (key is not { } next)
            {
                return true;
            }

            _perAddress.TryGetValue(next, out var count);
            if (count >= _maxPerAddress)
            {
                return false;
            }

            _perAddress[next] = count + 1;
            _forwardedClients[connection.Id] = next;
            return true;
        }
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

            Release(address);
            if (_forwardedClients.TryGetValue(connection.Id, out var client))
            {
                Release(client);
                _forwardedClients.Remove(connection.Id);
            }
        }

        _metrics.Connections.Add(-1);
    }

    /// <summary>How many connections count against an address, directly or forwarded; for tests.</summary>
    internal int CountOf(IPAddress address)
    {
        lock (_perAddress)
        {
            return _perAddress.TryGetValue(AddressKey.Of(address, _prefixIPv6), out var count) ? count : 0;
        }
    }

    private void Release(AddressKey address)
    {
        if (_perAddress.TryGetValue(address, out var count) && count > 1)
        {
            _perAddress[address] = count - 1;
        }
        else
        {
            _perAddress.Remove(address);
        }
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
