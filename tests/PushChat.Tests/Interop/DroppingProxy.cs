using System.Net;
using System.Net.Sockets;

namespace PushChat.Tests.Interop;

/// <summary>
/// A TCP relay in front of a test server that can cut every connection through it and hold new
/// ones back: to a client, the server dropped its stream and is not back yet. A client that
/// reconnects then has missed what was said meanwhile, and must resume without losing a line.
/// </summary>
public sealed class DroppingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _server;
    private readonly List<(Socket Client, Socket Server)> _pairs = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private TaskCompletionSource _open = CompletedSignal();

    public DroppingProxy(IPEndPoint server)
    {
        _server = server;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>How many connections reached the server through the relay.</summary>
    public int Relayed { get; private set; }

    /// <summary>Closes every connection through the relay; new ones wait until <see cref="Reopen"/>.</summary>
    public void DropAllAndHold()
    {
        lock (_pairs)
        {
            _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            foreach (var (client, server) in _pairs)
            {
                client.Close(0);
                server.Close(0);
            }

            _pairs.Clear();
        }
    }

    /// <summary>Lets the held connections through to the server.</summary>
    public void Reopen()
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
        Reopen();
        DropAllAndHold();
        Reopen();
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
            // The other side or a drop closed the pair.
        }
    }
}
