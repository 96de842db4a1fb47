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
using HttpVersion = PushChat.Internal.Http.HttpVersion;

namespace PushChat.Internal.Transport;

/// <summary>
/// One accepted socket: a receive loop that parses requests from a pipe and hands them to the
/// handler, and an <see cref="OutboundQueue"/> that writes. After a push response starts, input
/// is only watched for the end of the connection.
/// </summary>
internal sealed class HttpConnection : IOutboundOwner
{
    private static readonly byte[] LastChunk = { (byte)'0', (byte)'\r', (byte)'\n', (byte)'\r', (byte)'\n' };

    private readonly Socket _socket;
    private readonly ServiceContext _context;
    private readonly PipeReader _reader;

    private volatile ConnectionState _state;
    private long _deadline;
    private bool _partialRequest;
    private bool _servedRequest;
    private bool _chunkedStream;
    private readonly object _gate = new();
    private IPushStreamOwner? _pushOwner;
    private bool _finished;
    private bool _outputFinished;
    private TaskCompletionSource<bool>? _outputDone;
    private int _aborted;

    public HttpConnection(long id, Socket socket, ServiceContext context)
    {
        Id = id;
        _socket = socket;
        _context = context;
        RemoteEndPoint = socket.RemoteEndPoint as IPEndPoint ?? new IPEndPoint(IPAddress.None, 0);
        var stream = new NetworkStream(socket, ownsSocket: true);

        // Zero-byte reads keep no buffer rented while a connection waits, which is what push
        // readers do almost all the time.
        _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 4096, minimumReadSize: 1024, useZeroByteReads: true));
        Output = new OutboundQueue(stream, context.Limits.MaxQueuedBytesPerStream, this);
        SetDeadline(context.Limits.RequestTimeout);
    }

    private enum ConnectionState
    {
        Requests,
        Streaming,
        Closing,
    }

    public long Id { get; }

    public IPEndPoint RemoteEndPoint { get; }

    public OutboundQueue Output { get; }

    public async Task RunAsync()
    {
        try
        {
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
            Abort();
            await _reader.CompleteAsync().ConfigureAwait(false);
            IPushStreamOwner? owner;
            lock (_gate)
            {
                _finished = true;
                owner = _pushOwner;
            }

            owner?.OnConnectionClosed(this);
            _context.Connections.Remove(this);
        }
    }

    /// <summary>Queues a complete short response; closes the connection after it when needed.</summary>
    public void Send(HttpResponse response, HttpRequest request)
    {
        var keepAlive = request.KeepAlive && !response.CloseConnection && _state == ConnectionState.Requests;
        Output.EnqueueResponse(response.Encode(request.Version, keepAlive, request.IsHead));
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
        Output.EnqueueRaw(head.EncodeStreamingHead(request.Version));
    }

    /// <summary>Names who is told when this connection closes; told at once if it already has.</summary>
    public void SetPushOwner(IPushStreamOwner owner)
    {
        lock (_gate)
        {
            if (!_finished)
            {
                _pushOwner = owner;
                return;
            }
        }

        owner.OnConnectionClosed(this);
    }

    /// <summary>Queues body bytes of the push stream; false when the connection is gone or was cut off.</summary>
    public bool Write(ReadOnlyMemory<byte> body, DrainBatch? batch = null) =>
        _chunkedStream ? Output.EnqueueChunk(body, batch) : Output.EnqueueRaw(body, batch);

    /// <summary>Queues a fan-out's lines to the push stream, on the dispatcher's thread.</summary>
    public void Deliver(ReadOnlySpan<ReadOnlyMemory<byte>> lines, WriteStarts starts) => Output.Deliver(lines, _chunkedStream, starts);

    /// <summary>Ends the push stream after the given last bytes and closes the connection.</summary>
    public void EndStream(ReadOnlyMemory<byte> finalBody)
    {
        if (!finalBody.IsEmpty)
        {
            Write(finalBody);
        }

        if (_chunkedStream)
        {
            Output.EnqueueRaw(LastChunk);
        }

        BeginClose();
    }

    /// <summary>Called by the heartbeat: closes connections whose request or idle time ran out.</summary>
    public void CheckDeadline(long now)
    {
        var deadline = Interlocked.Read(ref _deadline);
        if (deadline == 0 || now < deadline || Interlocked.CompareExchange(ref _deadline, 0, deadline) != deadline)
        {
            return;
        }

        if (_state == ConnectionState.Closing)
        {
            Abort();
        }
        else if (_partialRequest || !_servedRequest)
        {
            Reject(408, "The request took too long to arrive.");
        }
        else
        {
            BeginClose();
        }
    }

    /// <summary>Closes a connection that waits between requests, after what it already queued; push streams are left to their owner.</summary>
    public void CloseWhenIdle()
    {
        if (_state == ConnectionState.Requests)
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
        // Half-close, then read until the client closes too, so that a reset does not destroy
        // the response before the client has read it (RFC 9112 §9.6).
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
            SetDeadline(_context.CloseLinger);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            Abort();
        }

        MarkOutputFinished();
    }

    void IOutboundOwner.OnOutputOverflow()
    {
        Log.SlowReaderDisconnected(_context.Logger, Id, RemoteEndPoint.Address, _context.Limits.MaxQueuedBytesPerStream);
        ChatMetrics.SlowReadersDropped.Add(1);

        // The overflow is found while a room fans out under its lock; closing the socket from
        // there could run the close callbacks inline, so it is done on another thread.
        ThreadPool.QueueUserWorkItem(static state => ((HttpConnection)state!).Abort(), this);
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
            while (_state == ConnectionState.Requests && _context.Parser.TryParse(buffer, out var request, out var consumed))
            {
                buffer = buffer.Slice(consumed);
                Interlocked.Exchange(ref _deadline, 0);
                await _context.Handler.HandleAsync(request, this, CancellationToken.None).ConfigureAwait(false);
                _servedRequest = true;
                _partialRequest = !buffer.IsEmpty;
                if (_state == ConnectionState.Requests)
                {
                    SetDeadline(_partialRequest ? _context.Limits.RequestTimeout : _context.Limits.KeepAliveTimeout);
                }
            }
        }
        catch (BadHttpRequestException ex)
        {
            Log.BadRequest(_context.Logger, Id, ex.StatusCode, ex.Message);
            Reject(ex.StatusCode, ex.Message);
        }

        if (_state != ConnectionState.Requests)
        {
            // A push stream or a closing connection expects nothing more; discard what comes.
            return buffer.Slice(buffer.End);
        }

        if (!buffer.IsEmpty && !_partialRequest)
        {
            _partialRequest = true;
            SetDeadline(_context.Limits.RequestTimeout);
        }

        return buffer;
    }

    private void Reject(int statusCode, string message)
    {
        ChatMetrics.BadRequests.Add(1);
        var response = _context.Handler.CreateErrorResponse(statusCode, message);
        response.CloseConnection = true;
        Output.EnqueueRaw(response.Encode(HttpVersion.Http11, keepAlive: false, headOnly: false));
        BeginClose();
    }

    private void BeginClose()
    {
        _state = ConnectionState.Closing;

        // Bounds how long the last bytes may take to go out to a client that does not read.
        SetDeadline(_context.CloseLinger);
        Output.Complete();
    }

    private void SetDeadline(TimeSpan fromNow) =>
        Interlocked.Exchange(ref _deadline, _context.Time.GetTimestamp() + (long)(fromNow.TotalSeconds * _context.Time.TimestampFrequency));
}
