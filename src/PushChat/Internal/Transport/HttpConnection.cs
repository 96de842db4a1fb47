using System;
using System.IO;
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
/// One accepted socket, and what a handler sees of it: the answers it may give (a response, a push
/// stream, an upgrade) and the way it ends. It coordinates the parts that do the work: a
/// <see cref="RequestLoop"/> reads, an <see cref="OutboundQueue"/> writes, a
/// <see cref="ConnectionDeadline"/> times, a <see cref="ConnectionTeardown"/> closes, and a
/// <see cref="TlsSession"/> encrypts when the listener speaks TLS.
/// </summary>
internal sealed class HttpConnection : IHttpConnection, IOutboundOwner, IPushTransport
{
    private static readonly byte[] LastChunk = { (byte)'0', (byte)'\r', (byte)'\n', (byte)'\r', (byte)'\n' };

    private readonly Socket _socket;
    private readonly ServiceContext _context;
    private readonly TlsSession? _tls;
    private readonly RequestLoop _requests;
    private readonly ConnectionDeadline _deadline;
    private readonly ForwardedClientSlot _forwardedClient;
    private readonly ConnectionTeardown _teardown;
    private readonly GracefulStop _stop = new();
    private readonly ClosedNotice _pushClosed = new();

    private volatile ConnectionPhase _phase;
    private bool _chunkedStream;

    // Whether pre-framed lines go out as they are: a chunked response's chunks, an upgraded protocol's frames.
    private bool _sendFramed;

    /// <summary>A connection answered by <paramref name="handler"/> (default: the context's), over TLS when <paramref name="tls"/> is given.</summary>
    public HttpConnection(long id, Socket socket, ServiceContext context, TlsHandshake? tls = null, IHttpHandler? handler = null)
    {
        Id = id;
        _socket = socket;
        _context = context;
        RemoteEndPoint = socket.RemoteEndPoint as IPEndPoint ?? new IPEndPoint(IPAddress.None, 0);
        _forwardedClient = new ForwardedClientSlot(this, context);
        Stream stream = new NetworkStream(socket, ownsSocket: true);
        if (tls is not null)
        {
            _tls = new TlsSession(tls, stream);
            stream = _tls.Stream;
        }

        Output = new OutboundQueue(stream, context.Limits.MaxQueuedBytesPerStream, this, context.Outbound.NextWriter(), context.Outbound.Dispatcher, socket: _tls is null ? socket : null, pools: context.OutboundPools);
        _deadline = new ConnectionDeadline(context.Time, context.Limits);
        _requests = new RequestLoop(this, context, handler ?? context.Handler, stream, overTls: _tls is not null, _deadline, _forwardedClient, _stop);
        _teardown = new ConnectionTeardown(socket, Output, _deadline, _stop, _tls, context.CloseLinger);
    }

    public long Id { get; }

    public IPEndPoint RemoteEndPoint { get; }

    public OutboundQueue Output { get; }

    /// <summary>Where the connection is in its life; read by the receive loop between requests.</summary>
    public ConnectionPhase Phase => _phase;

    public async Task RunAsync()
    {
        try
        {
            if (_tls is not null && !await _tls.HandshakeAsync(_context.Logger, RemoteEndPoint.Address).ConfigureAwait(false))
            {
                return;
            }

            await _requests.RunAsync().ConfigureAwait(false);

            // The client closed its sending side. A push reader is gone; anyone else may still
            // be waiting for responses it asked for (a half-close after the request), so let
            // those go out first.
            if (_phase != ConnectionPhase.Streaming)
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
                await _requests.CompleteAsync().ConfigureAwait(false);
                _pushClosed.Close();
                _requests.Upgraded?.OnClosed();
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
        if (_phase is ConnectionPhase.Streaming or ConnectionPhase.Upgraded)
        {
            // Another response already began on this connection; a second would corrupt it.
            Abort();
            return;
        }

        // The request is answered: its forwarded client's place goes back before the answer can be
        // read, so a client that sends its next request at once finds it free.
        _forwardedClient.Release();
        var keepAlive = request.KeepAlive && !response.CloseConnection && _phase == ConnectionPhase.Requests
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
    public IPushTransport StartStream(HttpResponse head, HttpRequest request)
    {
        _chunkedStream = request.Version == HttpVersion.Http11;
        _sendFramed = _chunkedStream;
        _phase = ConnectionPhase.Streaming;
        StreamSendBuffer.Limit(_socket, _context.Limits.StreamSendBufferBytes);
        Output.EnqueueRaw(Mark(head).EncodeStreamingHead(request.Version));
        return this;
    }

    /// <summary>
    /// Answers 101 and hands the connection to another protocol: from now on every byte the
    /// client sends goes to <paramref name="protocol"/>, which writes through the returned
    /// transport (bytes go as they are, framed by the protocol). Only an HTTP/1.1 request may be
    /// upgraded (RFC 9110 §7.8).
    /// </summary>
    public IPushTransport Upgrade(HttpRequest request, string protocolName, IUpgradedProtocol protocol) =>
        Upgrade(request, new HttpResponse(101), protocolName, protocol);

    /// <inheritdoc />
    public IPushTransport Upgrade(HttpRequest request, HttpResponse switching, string protocolName, IUpgradedProtocol protocol)
    {
        if (request.Version != HttpVersion.Http11)
        {
            throw new InvalidOperationException("Only an HTTP/1.1 request can be upgraded.");
        }

        _requests.HandOver(protocol);
        _phase = ConnectionPhase.Upgraded;
        _sendFramed = true;

        // The protocol keeps its own time (pings, idle limits); request deadlines are over.
        _deadline.Disarm();
        StreamSendBuffer.Limit(_socket, _context.Limits.StreamSendBufferBytes);
        // At once, not behind waiting fan-outs: the protocol's control frames are queued at once too
        // (a pong to a ping sent right behind the upgrade request), and none may reach the wire
        // before this head. Nothing of a connection still answering requests waits on the fan-outs.
        Output.EnqueueNow(switching.EncodeSwitchingProtocols(protocolName));
        return this;
    }

    /// <inheritdoc />
    public void SetClosedHandler(Action onClosed) => _pushClosed.Set(onClosed);

    /// <inheritdoc />
    public bool Write(ReadOnlyMemory<byte> body, DrainBatch? batch, bool bounded) =>
        _chunkedStream ? Output.EnqueueChunk(body, batch, bounded) : Output.EnqueueRaw(body, batch, bounded);

    /// <inheritdoc />
    public bool WriteNow(ReadOnlyMemory<byte> body, bool bounded) => Output.EnqueueNow(body, bounded);

    /// <inheritdoc />
    public void WriteReplay(ReadOnlyMemory<byte>[] lines)
    {
        // The lines come framed for the wire; a response that is not chunked sends their payload.
        if (!_sendFramed)
        {
            for (var i = 0; i < lines.Length; i++)
            {
                lines[i] = ChunkFraming.Payload(lines[i]);
            }
        }

        Output.EnqueueReplay(lines, _sendFramed);
    }

    /// <inheritdoc />
    public void Deliver(ReadOnlySpan<ReadOnlyMemory<byte>> lines, WriteStarts starts) => Output.Deliver(lines, _sendFramed, starts);

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

        if (_phase == ConnectionPhase.Closing || _tls is { Handshaking: true })
        {
            // Nothing can be answered before the handshake is done.
            Abort();
        }
        else if (expired == DeadlineExpiry.RequestTimeout)
        {
            _requests.Refuse(408, "The request took too long to arrive.");
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
        if (_stop.Request() && _phase == ConnectionPhase.Requests)
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

    /// <summary>Adds what every answer on this connection carries: HSTS over TLS, when configured.</summary>
    public HttpResponse Mark(HttpResponse response) => _tls is null ? response : _tls.Mark(response);

    /// <summary>Stops answering: what is queued, then <paramref name="last"/>, goes out, then the connection closes.</summary>
    public void BeginClose(ReadOnlyMemory<byte> last = default)
    {
        _phase = ConnectionPhase.Closing;

        // Bounds how long the last bytes may take to go out to a client that does not read.
        _deadline.Arm(_context.CloseLinger);
        Output.Complete(last);
    }
}
