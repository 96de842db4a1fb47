using System.Net;
using System.Net.Sockets;

namespace PushChat.Tests.Interop;

/// <summary>
/// A TCP relay in front of a test server that can hold new connections back: when the server
/// drops a client's stream, the client's reconnection waits at the relay until the test lets it
/// through, so the client surely misses what is said meanwhile and must resume without losing a line.
/// </summary>
public sealed class HoldingRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _server;
    private readonly List<(Socket Client, Socket Server)> _pairs = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private TaskCompletionSource _open = CompletedSignal();

    public HoldingRelay(IPEndPoint server)
    {
        _server = server;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>How many connections reached the server through the relay.</summary>
    public int Relayed { get; private set; }

    /// <summary>New connections wait at the relay until <see cref="Release"/>; those through it already go on.</summary>
    public void HoldNewConnections()
    {
        lock (_pairs)
        {
            _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Lets the held connections through to the server.</summary>
    public void Release()
    {
        lock (_pairs)
        {
            _open.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Release();
        lock (_pairs)
        {
            foreach (var (client, server) in _pairs)
            {
                client.Close(0);
                server.Close(0);
            }

            _pairs.Clear();
        }

        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }

        _stop.Dispose();
    }

    private static TaskCompletionSource CompletedSignal()
    {
        var signal = new TaskCompletionSource();
        signal.SetResult();
        return signal;
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptSocketAsync(_stop.Token);
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        Task open;
        lock (_pairs)
        {
            open = _open.Task;
        }

        await open;
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await server.ConnectAsync(_server, _stop.Token);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            client.Close(0);
            server.Dispose();
            return;
        }

        lock (_pairs)
        {
            _pairs.Add((client, server));
            Relayed++;
        }

        await Task.WhenAll(PumpAsync(client, server), PumpAsync(server, client));
        lock (_pairs)
        {
            _pairs.Remove((client, server));
        }

        client.Close(0);
        server.Close(0);
    }

    private static async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // One side was reset (the server aborting a connection): the other sees a reset too.
            to.Close(0);
        }
    }
}
