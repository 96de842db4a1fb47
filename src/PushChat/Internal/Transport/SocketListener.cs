using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PushChat.Internal.Infrastructure;

namespace PushChat.Internal.Transport;

/// <summary>The listening socket and its accept loop; each accepted socket runs on its own.</summary>
internal sealed class SocketListener : IDisposable
{
    private static readonly byte[] Busy = new Http.HttpResponse(503, "text/plain; charset=utf-8", System.Text.Encoding.ASCII.GetBytes("The chat is full. Try again later.\n"))
        .With("Retry-After", "10")
        .Encode(Http.HttpVersion.Http11, keepAlive: false, headOnly: false);

    private readonly ServiceContext _context;
    private readonly TlsHandshake? _tls;
    private readonly Http.IHttpHandler? _handler;
    private readonly Socket _socket;
    private readonly CancellationTokenSource _stopped = new();
    private readonly LogThrottle _acceptFailureLog;
    private readonly Func<Socket, Task<Socket>> _acceptNextAsync;
    private long _nextConnectionId;
    private Task? _acceptLoop;
    private int _disposed;

    /// <summary>A listener whose connections speak TLS when <paramref name="tls"/> is given and are answered by <paramref name="handler"/> (default: the context's).</summary>
    public SocketListener(IPEndPoint endPoint, ServiceContext context, TlsHandshake? tls = null, Http.IHttpHandler? handler = null)
        : this(endPoint, context, static socket => socket.AcceptAsync(), tls, handler)
    {
    }

    /// <summary>
    /// A listener that takes each connection through <paramref name="acceptNextAsync"/>; tests
    /// pass one that fails to see how the accept loop copes.
    /// </summary>
    internal SocketListener(IPEndPoint endPoint, ServiceContext context, Func<Socket, Task<Socket>> acceptNextAsync, TlsHandshake? tls = null, Http.IHttpHandler? handler = null)
    {
        _context = context;
        _acceptNextAsync = acceptNextAsync;
        _tls = tls;
        _handler = handler;
        _socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (endPoint.AddressFamily == AddressFamily.InterNetworkV6 && endPoint.Address.Equals(IPAddress.IPv6Any))
        {
            _socket.DualMode = true;
        }

        try
        {
            _socket.Bind(endPoint);
            _socket.Listen(1024);
        }
        catch
        {
            _socket.Dispose();
            throw;
        }

        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _acceptFailureLog = new LogThrottle(context.Time);
    }

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Set when the accept loop ended on an unexpected error; the server then takes no new connections.</summary>
    public bool Failed { get; private set; }

    /// <summary>The first wait after an accept failed for want of resources; it doubles with each failure in a row.</summary>
    internal static readonly TimeSpan FirstBackOff = TimeSpan.FromMilliseconds(10);

    /// <summary>The longest wait between accepts that keep failing.</summary>
    internal static readonly TimeSpan LongestBackOff = TimeSpan.FromSeconds(1);

    public void Start() => _acceptLoop = AcceptLoopAsync();

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopped.Cancel();
        _socket.Dispose();

        // The accept loop reads the token until it ends, which the closed socket makes it do soon.
        if (_acceptLoop is null)
        {
            _stopped.Dispose();
        }
        else
        {
            _ = _acceptLoop.ContinueWith(static (_, stopped) => ((CancellationTokenSource)stopped!).Dispose(), _stopped, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    public async Task StopAsync()
    {
        Dispose();
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }
    }

    private async Task AcceptLoopAsync()
    {
        var backOff = TimeSpan.Zero;
        while (true)
        {
            Socket accepted;
            try
            {
                accepted = await _acceptNextAsync(_socket).ConfigureAwait(false);
                backOff = TimeSpan.Zero;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.OperationAborted or SocketError.Interrupted or SocketError.InvalidArgument)
            {
                return;
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
            {
                // The client gave up before it was accepted: its doing, not a shortage here, so
                // the next accept goes ahead at once (waiting would let resets slow every client).
                LogAcceptFailure(ex, TimeSpan.Zero);
                continue;
            }
            catch (SocketException ex)
            {
                // Out of file descriptors (EMFILE, ENFILE) or memory: accepting again at once
                // fails again at once, a busy loop on a core. Wait, longer each time in a row,
                // while connections close and give the resources back.
                backOff = backOff == TimeSpan.Zero ? FirstBackOff : TimeSpan.FromTicks(Math.Min(backOff.Ticks * 2, LongestBackOff.Ticks));
                LogAcceptFailure(ex, backOff);
                await BackOffAsync(backOff).ConfigureAwait(false);
                if (_stopped.IsCancellationRequested)
                {
                    return;
                }

                continue;
            }
#pragma warning disable CA1031 // Anything else ends the listener: say so loudly instead of going quiet.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.ListenerFailed(_context.Logger, ex);
                Failed = true;
                return;
            }

            try
            {
                Admit(accepted);
            }
#pragma warning disable CA1031 // One connection's admission must never end the accept loop.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.AdmitFailed(_context.Logger, ex);
            }
        }
    }

    private void LogAcceptFailure(SocketException error, TimeSpan retryIn)
    {
        if (_acceptFailureLog.TryEnter(out var skipped))
        {
            Log.AcceptFailed(_context.Logger, error.SocketErrorCode, retryIn.TotalMilliseconds, skipped, error);
        }
    }

    /// <summary>Waits on the server's clock; a stop ends the wait at once.</summary>
    private async Task BackOffAsync(TimeSpan delay)
    {
        var elapsed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var timer = _context.Time.CreateTimer(static state => ((TaskCompletionSource<bool>)state!).TrySetResult(true), elapsed, delay, Timeout.InfiniteTimeSpan);
        using var stopped = _stopped.Token.Register(static state => ((TaskCompletionSource<bool>)state!).TrySetResult(false), elapsed);
        await elapsed.Task.ConfigureAwait(false);
    }

    private void Admit(Socket accepted)
    {
        HttpConnection connection;
        try
        {
            accepted.NoDelay = true;
            connection = new HttpConnection(Interlocked.Increment(ref _nextConnectionId), accepted, _context, _tls, _handler);
        }
        catch
        {
            accepted.Dispose();
            throw;
        }

        bool admitted;
        try
        {
            admitted = _context.Connections.TryAdd(connection);
        }
        catch
        {
            connection.Abort();
            _context.Connections.Remove(connection);
            throw;
        }

        if (!admitted)
        {
            if (_context.RefusalLog.TryEnter(out var skipped))
            {
                Log.ConnectionRefused(_context.Logger, connection.RemoteEndPoint.Address, skipped);
            }

            try
            {
                // A TLS client could not read a plain answer; it only sees the close.
                if (_tls is null)
                {
                    accepted.Send(Busy, SocketFlags.None);
                }

                accepted.Shutdown(SocketShutdown.Send);
            }
            catch (SocketException)
            {
            }

            connection.Abort();
            return;
        }

        _ = connection.RunAsync();
    }
}
