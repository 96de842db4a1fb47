using System;
using System.Buffers;
using System.IO;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;
using PushChat.Internal.Http;
using PushChat.Internal.Infrastructure;
using PushChat.Internal.Push;
using HttpVersion = PushChat.Internal.Http.HttpVersion;

namespace PushChat.Internal.Transport;

/// <summary>
/// One accepted socket: a receive loop that parses requests from a pipe and hands them to the
/// handler, and an <see cref="OutboundQueue"/> that writes. After a push response starts, input
/// is only watched for the end of the connection.
/// </summary>
internal sealed class HttpConnection : IOutboundOwner, IPushTransport
{
    private static readonly byte[] LastChunk = { (byte)'0', (byte)'\r', (byte)'\n', (byte)'\r', (byte)'\n' };

    private readonly Socket _socket;
    private readonly ServiceContext _context;
    private readonly IHttpHandler _handler;
    private readonly TlsHandshake? _tls;
    private readonly SslStream? _tlsStream;
    private readonly PipeReader _reader;

    private volatile ConnectionState _state;
    private HttpRequestScan _requestScan;
    private long _deadline;

    // When the request being answered arrived: its keep-alive time counts from then.
    private long _requestReceived;
    private readonly long _acceptedAt;
    private bool _partialRequest;
    private bool _servedRequest;
    private bool _chunkedStream;
    private readonly object _gate = new();
    private Action? _onPushClosed;
    private IUpgradedProtocol? _upgraded;
    private bool _finished;
    private bool _outputFinished;
    private TaskCompletionSource<bool>? _outputDone;
    private int _aborted;
    private int _activity;
    private int _stopRequested;
    private volatile bool _handshaking;
#if NET
    private volatile bool _secured;
#endif

    /// <summary>A connection answered by <paramref name="handler"/> (default: the context's), over TLS when <paramref name="tls"/> is given.</summary>
    public HttpConnection(long id, Socket socket, ServiceContext context, TlsHandshake? tls = null, IHttpHandler? handler = null)
    {
        Id = id;
        _socket = socket;
        _context = context;
        _handler = handler ?? context.Handler;
        _tls = tls;
        RemoteEndPoint = socket.RemoteEndPoint as IPEndPoint ?? new IPEndPoint(IPAddress.None, 0);
        Stream stream = new NetworkStream(socket, ownsSocket: true);
        if (tls is not null)
        {
            // The handshake runs first thing in RunAsync, under the first-byte deadline; the
            // parser and the queue only ever see decrypted bytes.
            stream = _tlsStream = TlsHandshake.Wrap(stream);
            _handshaking = true;
        }

        // Zero-byte reads keep no buffer rented while a connection waits, which is what push
        // readers do almost all the time.
        _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 4096, minimumReadSize: 1024, useZeroByteReads: true));
        Output = new OutboundQueue(stream, context.Limits.MaxQueuedBytesPerStream, this);
        _acceptedAt = context.Time.GetTimestamp();

        // A socket that sends nothing only holds a slot; one that starts a request has until
        // RequestTimeout after it was accepted to finish its head, however it trickles.
        SetDeadline(context.Limits.FirstByteTimeout < context.Limits.RequestTimeout ? context.Limits.FirstByteTimeout : context.Limits.RequestTimeout);
    }

    /// <summary>Whether a request is being answered, so a stop closes the connection after the answer, never before.</summary>
    private static class Activity
    {
        public const int Idle = 0;
        public const int Handling = 1;
        public const int Stopped = 2;
    }

    private enum ConnectionState
    {
        Requests,
        Streaming,
        Upgraded,
        Closing,
    }

    public long Id { get; }

    public IPEndPoint RemoteEndPoint { get; }

    public OutboundQueue Output { get; }

    public async Task RunAsync()
    {
        try
        {
            if (_tlsStream is not null && !await HandshakeAsync(_tlsStream).ConfigureAwait(false))
            {
                return;
            }

            while (true)
            {
                var result = await _reader.ReadAsync().ConfigureAwait(false);
                var buffer = await ProcessAsync(result.Buffer).ConfigureAwait(false);
                _reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }

            // The client closed its sending side. A push reader is gone; anyone else may still
            // be waiting for responses it asked for (a half-close after the request), so let
            // those go out first.
            if (_state != ConnectionState.Streaming)
            {
                BeginClose();
                await WhenOutputFinished().ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The peer reset the connection or it was aborted here: nothing to answer.
        }
#pragma warning disable CA1031 // One connection's failure must never take the server down.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.ConnectionFailed(_context.Logger, Id, ex);
        }
        finally
        {
            try
            {
                Abort();
                await _reader.CompleteAsync().ConfigureAwait(false);
                Action? onPushClosed;
                lock (_gate)
                {
                    _finished = true;
                    onPushClosed = _onPushClosed;
                }

                onPushClosed?.Invoke();
                _upgraded?.OnClosed();
            }
#pragma warning disable CA1031 // Whatever a close callback did, the connection leaves the registry.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.ConnectionFailed(_context.Logger, Id, ex);
            }
            finally
            {
                _context.Connections.Remove(this);
            }
        }
    }

    /// <summary>
    /// False when the client did not complete a TLS handshake: plain HTTP on the TLS port, a
    /// client that gave up or refused the certificate, or one cut off by the deadline. Nothing
    /// can be answered to it.
    /// </summary>
    private async Task<bool> HandshakeAsync(SslStream stream)
    {
        try
        {
            // Off the accept loop: setting up a TLS session costs more than a read.
            await Task.Yield();
            await _tls!.AuthenticateAsync(stream).ConfigureAwait(false);
#if NET
            _secured = true;
#endif
            return true;
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or SocketException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            _tls!.LogFailure(_context.Logger, RemoteEndPoint.Address, ex);
            return false;
        }
        finally
        {
            _handshaking = false;
        }
    }

    /// <summary>Queues a complete short response; closes the connection after it when needed.</summary>
    public void Send(HttpResponse response, HttpRequest request)
    {
        if (_state is ConnectionState.Streaming or ConnectionState.Upgraded)
        {
            // Another response already began on this connection; a second would corrupt it.
            Abort();
            return;
        }

        // The request is answered: its forwarded client's place goes back before the answer can be
        // read, so a client that sends its next request at once finds it free.
        ReleaseForwardedClient();
        var keepAlive = request.KeepAlive && !response.CloseConnection && _state == ConnectionState.Requests
            && Volatile.Read(ref _stopRequested) == 0;
        if (keepAlive)
        {
            // Armed before the answer can be read, so the idle time is running whenever the
            // client sees the answer (the loop sets it again once the request is done).
            SetDeadline(_context.Limits.KeepAliveTimeout, Interlocked.Read(ref _requestReceived));
        }

        Output.EnqueueResponse(Mark(response).Encode(request.Version, keepAlive, request.IsHead));
        if (!keepAlive)
        {
            BeginClose();
        }
    }

    /// <summary>Turns this connection into a push stream: the head now, body bytes as they come.</summary>
    public void StartStream(HttpResponse head, HttpRequest request)
    {
        _chunkedStream = request.Version == HttpVersion.Http11;
        _state = ConnectionState.Streaming;
        LimitKernelBuffer();
        Output.EnqueueRaw(Mark(head).EncodeStreamingHead(request.Version));
    }

    /// <summary>
    /// A stream lives long and is fed by the server: left to the kernel, its send buffer grows to
    /// megabytes for a reader that stops reading, all of it held for that one reader on top of
    /// its queue. A fixed size keeps what a slow reader costs near the documented bound.
    /// </summary>
    private void LimitKernelBuffer()
    {
        try
        {
            _socket.SendBufferSize = _context.Limits.StreamSendBufferBytes;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // The socket is closing; the stream ends with it.
        }
    }

    /// <summary>
    /// Answers 101 and hands the connection to another protocol: from now on every byte the
    /// client sends goes to <paramref name="protocol"/>, which writes through <see cref="Output"/>.
    /// Only an HTTP/1.1 request may be upgraded (RFC 9110 §7.8).
    /// </summary>
    public void Upgrade(HttpRequest request, string protocolName, IUpgradedProtocol protocol)
    {
        if (request.Version != HttpVersion.Http11)
        {
            throw new InvalidOperationException("Only an HTTP/1.1 request can be upgraded.");
        }

        _upgraded = protocol;
        _state = ConnectionState.Upgraded;

        // The protocol keeps its own time (pings, idle limits); request deadlines are over.
        Interlocked.Exchange(ref _deadline, 0);
        LimitKernelBuffer();
        Output.EnqueueRaw(new HttpResponse(101).EncodeSwitchingProtocols(protocolName));
    }

    /// <inheritdoc />
    public void SetClosedHandler(Action onClosed)
    {
        lock (_gate)
        {
            if (!_finished)
            {
                _onPushClosed = onClosed;
                return;
            }
        }

        onClosed();
    }

    /// <inheritdoc />
    public bool Write(ReadOnlyMemory<byte> body, DrainBatch? batch, bool bounded) =>
        _chunkedStream ? Output.EnqueueChunk(body, batch, bounded) : Output.EnqueueRaw(body, batch, bounded);

    /// <inheritdoc />
    public void WriteReplay(ReadOnlyMemory<byte>[] lines) => Output.EnqueueReplay(lines, _chunkedStream);

    /// <inheritdoc />
    public void Deliver(ReadOnlySpan<ReadOnlyMemory<byte>> lines, WriteStarts starts) => Output.Deliver(lines, _chunkedStream, starts);

    /// <summary>Ends the push stream after the given last bytes and closes the connection.</summary>
    public void EndStream(ReadOnlyMemory<byte> finalBody)
    {
        if (!finalBody.IsEmpty)
        {
            Write(finalBody, batch: null, bounded: false);
        }

        // The last chunk goes in with the completion, so no keep-alive can slip in after it.
        BeginClose(_chunkedStream ? LastChunk : ReadOnlyMemory<byte>.Empty);
    }

    /// <summary>Called by the heartbeat: closes connections whose request or idle time ran out.</summary>
    public void CheckDeadline(long now)
    {
        var deadline = Interlocked.Read(ref _deadline);
        if (deadline == 0 || now < deadline || Interlocked.CompareExchange(ref _deadline, 0, deadline) != deadline)
        {
            return;
        }

        if (_state == ConnectionState.Closing || _handshaking)
        {
            // Nothing can be answered before the handshake is done.
            Abort();
        }
        else if (_partialRequest || !_servedRequest)
        {
            // Also to a socket silent since it connected: RFC 9110 §15.5.9 allows a 408 on an unused connection.
            Reject(408, "The request took too long to arrive.");
        }
        else
        {
            BeginClose();
        }
    }

    /// <summary>
    /// Closes a connection that waits between requests, after what it already queued; one whose
    /// request is being answered closes after that answer. Push streams are left to their owner.
    /// </summary>
    public void CloseWhenIdle()
    {
        Interlocked.Exchange(ref _stopRequested, 1);
        if (Interlocked.CompareExchange(ref _activity, Activity.Stopped, Activity.Idle) == Activity.Idle && _state == ConnectionState.Requests)
        {
            BeginClose();
        }
    }

    /// <summary>Closes the socket at once, dropping anything queued.</summary>
    public void Abort()
    {
        if (Interlocked.Exchange(ref _aborted, 1) != 0)
        {
            return;
        }

        Output.Close();
        _socket.Dispose();
        MarkOutputFinished();
    }

    void IOutboundOwner.OnOutputCompleted()
    {
#if NET
        if (_tlsStream is { } tls && _secured)
        {
            _ = CloseTlsAsync(tls);
            return;
        }
#endif

        HalfClose();
    }

#if NET
    /// <summary>
    /// Announces the end with close_notify (RFC 8446 §6.1) before the half-close, so a client can
    /// tell a body delimited by the close from one cut short. The output is complete, so this
    /// write is the only one; the closing deadline bounds it. netstandard2.0 has no API for it.
    /// </summary>
    private async Task CloseTlsAsync(SslStream tls)
    {
        try
        {
            await tls.ShutdownAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The peer is gone; the half-close below finds that out too.
        }

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
            SetDeadline(_context.CloseLinger);

            // A stopping server does not wait for clients that keep the connection (a browser
            // keeps one whose stream ended): with nothing unread, closing sends no reset, and the
            // kernel still delivers what was written.
            if (Volatile.Read(ref _stopRequested) != 0 && _socket.Available == 0)
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

    void IOutboundOwner.OnOutputOverflow()
    {
        // Closed first, on its own thread (closing runs the close callbacks inline): a logger or
        // metric listener that blocks or throws must not keep the slow reader's connection open.
        ThreadPool.QueueUserWorkItem(static state => ((HttpConnection)state!).Abort(), this);
        Log.SlowReaderDisconnected(_context.Logger, Id, RemoteEndPoint.Address, _context.Limits.MaxQueuedBytesPerStream);
        _context.Metrics.SlowReadersDropped.Add(1);
    }

    void IOutboundOwner.OnOutputFailed(Exception error) => Abort();

    private Task WhenOutputFinished()
    {
        lock (_gate)
        {
            return _outputFinished ? Task.CompletedTask : (_outputDone ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
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

    private async ValueTask<ReadOnlySequence<byte>> ProcessAsync(ReadOnlySequence<byte> buffer)
    {
        try
        {
            while (_state == ConnectionState.Requests && _context.Parser.TryParse(buffer, ref _requestScan, out var request, out var consumed))
            {
                buffer = buffer.Slice(consumed);
                Interlocked.Exchange(ref _deadline, 0);
                request.IsHttps = _tls is not null || _context.Proxies.ForwardedHttps(request, RemoteEndPoint);
                if (!CountForwardedClient(request))
                {
                    break;
                }

                // The idle time after an answer counts from before it went out: a client that
                // reads the answer at once must never find its keep-alive time started later.
                var received = _context.Time.GetTimestamp();
                Interlocked.Exchange(ref _requestReceived, received);
                if (Interlocked.CompareExchange(ref _activity, Activity.Handling, Activity.Idle) != Activity.Idle)
                {
                    // The server stopped before this request began: it closes unanswered and unacted on.
                    break;
                }

                try
                {
                    await _handler.HandleAsync(request, this, _context.Stopping).ConfigureAwait(false);
                }
                finally
                {
                    Interlocked.CompareExchange(ref _activity, Activity.Idle, Activity.Handling);
                }

                if (_state is ConnectionState.Requests or ConnectionState.Closing)
                {
                    ReleaseForwardedClient();
                }

                if (Volatile.Read(ref _stopRequested) != 0 && _state == ConnectionState.Requests)
                {
                    // The server began to stop while this request was answered.
                    BeginClose();
                }

                _servedRequest = true;
                _partialRequest = !buffer.IsEmpty;
                if (_state == ConnectionState.Requests)
                {
                    if (_partialRequest)
                    {
                        SetDeadline(_context.Limits.RequestTimeout);
                    }
                    else
                    {
                        SetDeadline(_context.Limits.KeepAliveTimeout, received);
                    }
                }
            }
        }
        catch (BadHttpRequestException ex)
        {
            Log.BadRequest(_context.Logger, Id, ex.StatusCode, ex.Message);
            Reject(ex.StatusCode, ex.Message);
        }

        if (_state == ConnectionState.Upgraded)
        {
            return buffer.Slice(_upgraded!.OnReceived(buffer));
        }

        if (_state != ConnectionState.Requests)
        {
            // A push stream or a closing connection expects nothing more; discard what comes.
            return buffer.Slice(buffer.End);
        }

        if (!buffer.IsEmpty && !_partialRequest)
        {
            // The first request's time runs from the accept, later ones' from their first byte: never restarted.
            _partialRequest = true;
            SetDeadline(_context.Limits.RequestTimeout, _servedRequest ? _context.Time.GetTimestamp() : _acceptedAt);
        }

        return buffer;
    }

    /// <summary>
    /// Behind a trusted proxy the connection counts against the client the request names while
    /// that request is answered and, when it became a stream, for as long as the stream is open.
    /// False, having answered 503 and begun to close, when that client holds its share of
    /// connections already.
    /// </summary>
    private bool CountForwardedClient(HttpRequest request)
    {
        if (!_context.Proxies.IsTrusted(RemoteEndPoint.Address))
        {
            return true;
        }

        var client = _context.Proxies.ClientOf(request, RemoteEndPoint).Address;
        if (_context.Connections.TryCountForwardedClient(this, _context.Proxies.IsTrusted(client) ? null : client))
        {
            return true;
        }

        if (_context.RefusalLog.TryEnter(out var skipped))
        {
            Log.ConnectionRefused(_context.Logger, client, skipped);
        }

        Reject(503, "Too many connections from your address. Close some chat windows, or try again later.", retryAfterSeconds: 10);
        return false;
    }

    /// <summary>
    /// Once an answer is out and the connection waits, it no longer counts against the client it
    /// carried: a proxy keeps such connections pooled (nginx <c>keepalive</c>, HAProxy reuse), and
    /// a busy visitor would otherwise be counted for every pooled connection it ever touched.
    /// </summary>
    private void ReleaseForwardedClient()
    {
        if (_context.Proxies.IsTrusted(RemoteEndPoint.Address))
        {
            _context.Connections.TryCountForwardedClient(this, client: null);
        }
    }

    /// <summary>Answers with an error page and closes; a refusal with a retry time is a limit, not a bad request.</summary>
    private void Reject(int statusCode, string message, int? retryAfterSeconds = null)
    {
        if (retryAfterSeconds is null)
        {
            _context.Metrics.BadRequests.Add(1);
        }

        try
        {
            var response = Mark(_handler.CreateErrorResponse(statusCode, message));
            if (retryAfterSeconds is { } seconds)
            {
                response = response.With("Retry-After", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            Output.EnqueueRaw(response.Encode(HttpVersion.Http11, keepAlive: false, headOnly: false));
        }
        finally
        {
            // Whatever the error page did, the connection closes and keeps a deadline.
            BeginClose();
        }
    }

    private HttpResponse Mark(HttpResponse response) => _tls is null ? response : _tls.Mark(response);

    private void BeginClose(ReadOnlyMemory<byte> last = default)
    {
        _state = ConnectionState.Closing;

        // Bounds how long the last bytes may take to go out to a client that does not read.
        SetDeadline(_context.CloseLinger);
        Output.Complete(last);
    }

    private void SetDeadline(TimeSpan fromNow) => SetDeadline(fromNow, _context.Time.GetTimestamp());

    private void SetDeadline(TimeSpan after, long start) =>
        Interlocked.Exchange(ref _deadline, start + (long)(after.TotalSeconds * _context.Time.TimestampFrequency));
}
