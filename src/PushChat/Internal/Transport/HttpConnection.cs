using System;
using System.Buffers;
using System.IO;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
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
    private readonly TlsSession? _tls;
    private readonly PipeReader _reader;
    private readonly ConnectionDeadline _deadline;
    private readonly ForwardedClientSlot _forwardedClient;
    private readonly ConnectionTeardown _teardown;
    private readonly GracefulStop _stop = new();

    private volatile ConnectionState _state;
    private HttpRequestScan _requestScan;
    private bool _chunkedStream;
    private readonly object _gate = new();
    private Action? _onPushClosed;
    private IUpgradedProtocol? _upgraded;
    private bool _finished;

    /// <summary>A connection answered by <paramref name="handler"/> (default: the context's), over TLS when <paramref name="tls"/> is given.</summary>
    public HttpConnection(long id, Socket socket, ServiceContext context, TlsHandshake? tls = null, IHttpHandler? handler = null)
    {
        Id = id;
        _socket = socket;
        _context = context;
        _handler = handler ?? context.Handler;
        RemoteEndPoint = socket.RemoteEndPoint as IPEndPoint ?? new IPEndPoint(IPAddress.None, 0);
        _forwardedClient = new ForwardedClientSlot(this, context);
        Stream stream = new NetworkStream(socket, ownsSocket: true);
        if (tls is not null)
        {
            _tls = new TlsSession(tls, stream);
            stream = _tls.Stream;
        }

        // Zero-byte reads keep no buffer rented while a connection waits, which is what push
        // readers do almost all the time.
        _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 4096, minimumReadSize: 1024, useZeroByteReads: true));
        Output = new OutboundQueue(stream, context.Limits.MaxQueuedBytesPerStream, this, socket: tls is null ? socket : null, pools: context.OutboundPools);
        _deadline = new ConnectionDeadline(context.Time, context.Limits);
        _teardown = new ConnectionTeardown(socket, Output, _deadline, _stop, _tls, context.CloseLinger);
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
            if (_tls is not null && !await _tls.HandshakeAsync(_context.Logger, RemoteEndPoint.Address).ConfigureAwait(false))
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
                await _teardown.WhenOutputFinished().ConfigureAwait(false);
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
        _forwardedClient.Release();
        var keepAlive = request.KeepAlive && !response.CloseConnection && _state == ConnectionState.Requests
            && !_stop.Requested;
        if (keepAlive)
        {
            // Armed before the answer can be read, so the idle time is running whenever the
            // client sees the answer (the loop sets it again once the request is done).
            _deadline.ArmKeepAlive();
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
        _deadline.Disarm();
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
    public void WriteReplay(ReadOnlyMemory<byte>[] lines)
    {
        // The lines come framed as chunks; a response that is not chunked sends their payload.
        if (!_chunkedStream)
        {
            for (var i = 0; i < lines.Length; i++)
            {
                lines[i] = ChunkFraming.Payload(lines[i]);
            }
        }

        Output.EnqueueReplay(lines, _chunkedStream);
    }

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
        var expired = _deadline.Expire(now);
        if (expired == DeadlineExpiry.None)
        {
            return;
        }

        if (_state == ConnectionState.Closing || _tls is { Handshaking: true })
        {
            // Nothing can be answered before the handshake is done.
            Abort();
        }
        else if (expired == DeadlineExpiry.RequestTimeout)
        {
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
        if (_stop.Request() && _state == ConnectionState.Requests)
        {
            BeginClose();
        }
    }

    /// <summary>Closes the socket at once, dropping anything queued.</summary>
    public void Abort() => _teardown.Abort();

    void IOutboundOwner.OnOutputCompleted() => _teardown.OutputCompleted();

    void IOutboundOwner.OnOutputOverflow()
    {
        // Closed first, on its own thread (closing runs the close callbacks inline): a logger or
        // metric listener that blocks or throws must not keep the slow reader's connection open.
        ThreadPool.QueueUserWorkItem(static state => ((HttpConnection)state!).Abort(), this);
        Log.SlowReaderDisconnected(_context.Logger, Id, RemoteEndPoint.Address, _context.Limits.MaxQueuedBytesPerStream);
        _context.Metrics.SlowReadersDropped.Add(1);
    }

    void IOutboundOwner.OnOutputFailed(Exception error) => Abort();

    private async ValueTask<ReadOnlySequence<byte>> ProcessAsync(ReadOnlySequence<byte> buffer)
    {
        try
        {
            while (_state == ConnectionState.Requests && _context.Parser.TryParse(buffer, ref _requestScan, out var request, out var consumed))
            {
                buffer = buffer.Slice(consumed);
                _deadline.Disarm();
                request.IsHttps = _tls is not null || _context.Proxies.ForwardedHttps(request, RemoteEndPoint);
                if (!_forwardedClient.TryTake(request))
                {
                    Reject(503, "Too many connections from your address. Close some chat windows, or try again later.", retryAfterSeconds: 10);
                    break;
                }

                _deadline.RequestReceived();
                if (!_stop.TryBeginRequest())
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
                    _stop.EndRequest();
                }

                if (_state is ConnectionState.Requests or ConnectionState.Closing)
                {
                    _forwardedClient.Release();
                }

                if (_stop.Requested && _state == ConnectionState.Requests)
                {
                    // The server began to stop while this request was answered.
                    BeginClose();
                }

                _deadline.RequestDone(nextStarted: !buffer.IsEmpty, takesRequests: _state == ConnectionState.Requests);
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

        if (!buffer.IsEmpty)
        {
            _deadline.RequestStarted();
        }

        return buffer;
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
        _deadline.Arm(_context.CloseLinger);
        Output.Complete(last);
    }
}
