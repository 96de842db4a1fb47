using System;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace PushChat.Internal.Transport;

/// <summary>
/// How a connection's socket ends once its output is over: close_notify over TLS, a half-close
/// that lets the client read the last answer, and the cut when nothing more can be delivered;
/// with the signal the receive loop waits on before it lets go. Kept apart from the request loop,
/// since the writer, the heartbeat and the stop all end connections from their own threads.
/// </summary>
internal sealed class ConnectionTeardown
{
    private readonly Socket _socket;
    private readonly OutboundQueue _output;
    private readonly ConnectionDeadline _deadline;
    private readonly GracefulStop _stop;
#if NET
    private readonly TlsSession? _tls;
#endif
    private readonly TimeSpan _linger;
    private readonly object _gate = new();
    private bool _outputFinished;
    private TaskCompletionSource<bool>? _outputDone;
    private int _aborted;

    /// <summary>Ends <paramref name="socket"/>, giving a client that keeps it open <paramref name="linger"/> after the half-close.</summary>
    public ConnectionTeardown(Socket socket, OutboundQueue output, ConnectionDeadline deadline, GracefulStop stop, TlsSession? tls, TimeSpan linger)
    {
        _socket = socket;
        _output = output;
        _deadline = deadline;
        _stop = stop;
#if NET
        _tls = tls;
#endif
        _linger = linger;
    }

    /// <summary>Closes the socket at once, dropping anything queued.</summary>
    public void Abort()
    {
        if (Interlocked.Exchange(ref _aborted, 1) != 0)
        {
            return;
        }

        _output.Close();
        _socket.Dispose();
        MarkOutputFinished();
    }

    /// <summary>Called when the queue wrote everything it will ever write.</summary>
    public void OutputCompleted()
    {
#if NET
        if (_tls is { Secured: true } tls)
        {
            _ = CloseTlsAsync(tls);
            return;
        }
#endif

        HalfClose();
    }

    /// <summary>Completes once the output ended, written or dropped.</summary>
    public Task WhenOutputFinished()
    {
        lock (_gate)
        {
            return _outputFinished ? Task.CompletedTask : (_outputDone ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
    }

#if NET
    private async Task CloseTlsAsync(TlsSession tls)
    {
        await tls.CloseNotifyAsync().ConfigureAwait(false);
        HalfClose();
    }
#endif

    private void HalfClose()
    {
        // Half-close, then read until the client closes too, so that a reset does not destroy
        // the response before the client has read it (RFC 9112 §9.6).
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
            _deadline.Arm(_linger);

            // A stopping server does not wait for clients that keep the connection (a browser
            // keeps one whose stream ended): with nothing unread, closing sends no reset, and the
            // kernel still delivers what was written.
            if (_stop.Requested && _socket.Available == 0)
            {
                Abort();
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            Abort();
        }

        MarkOutputFinished();
    }

    private void MarkOutputFinished()
    {
        TaskCompletionSource<bool>? waiter;
        lock (_gate)
        {
            _outputFinished = true;
            waiter = _outputDone;
        }

        waiter?.TrySetResult(true);
    }
}
