using System.Buffers;
using System.Globalization;
using System.IO;
using System.IO.Pipelines;
using System.Threading.Tasks;
using PushChat.Internal.Http;
using PushChat.Internal.Infrastructure;

namespace PushChat.Internal.Transport;

/// <summary>
/// A connection's receive loop: reads what the client sends, parses requests one after another
/// and hands each to the handler, keeping the deadline, the forwarded client's place and the stop
/// in step with them. Once an answer became a stream, input is only read to see the end; after an
/// upgrade it goes to the new protocol. <see cref="HttpConnection"/> answers and closes.
/// </summary>
internal sealed class RequestLoop
{
    // Zero-byte reads keep no buffer rented while a connection waits, which is what push readers
    // do almost all the time. One set of options for every connection: they never change.
    private static readonly StreamPipeReaderOptions ReaderOptions = new(bufferSize: 4096, minimumReadSize: 1024, useZeroByteReads: true);

    private readonly HttpConnection _connection;
    private readonly ServiceContext _context;
    private readonly IHttpHandler _handler;
    private readonly PipeReader _reader;
    private readonly ConnectionDeadline _deadline;
    private readonly ForwardedClientSlot _forwardedClient;
    private readonly GracefulStop _stop;
    private readonly bool _overTls;
    private HttpRequestScan _requestScan;

    /// <summary>Reads <paramref name="input"/> (decrypted, over TLS) for <paramref name="connection"/>, with the parts of it a request touches.</summary>
    public RequestLoop(HttpConnection connection, ServiceContext context, IHttpHandler handler, Stream input, bool overTls, ConnectionDeadline deadline, ForwardedClientSlot forwardedClient, GracefulStop stop)
    {
        _connection = connection;
        _context = context;
        _handler = handler;
        _overTls = overTls;
        _deadline = deadline;
        _forwardedClient = forwardedClient;
        _stop = stop;

        _reader = PipeReader.Create(input, ReaderOptions);
    }

    /// <summary>The protocol every later byte goes to, once the connection was upgraded.</summary>
    public IUpgradedProtocol? Upgraded { get; private set; }

    /// <summary>From now on, what the client sends goes to <paramref name="protocol"/>.</summary>
    public void HandOver(IUpgradedProtocol protocol) => Upgraded = protocol;

    /// <summary>Reads and answers until the client closes its sending side.</summary>
    public async Task RunAsync()
    {
        while (true)
        {
            var result = await _reader.ReadAsync().ConfigureAwait(false);
            var buffer = await ProcessAsync(result.Buffer).ConfigureAwait(false);
            _reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                return;
            }
        }
    }

    /// <summary>Lets go of the input, once the connection is closed.</summary>
    public ValueTask CompleteAsync() => _reader.CompleteAsync();

    /// <summary>
    /// Answers with the handler's error page and closes: a request that never reached the handler
    /// (bad syntax, limits, timeouts). A refusal with a retry time is a limit, not a bad request.
    /// </summary>
    public void Refuse(int statusCode, string message, int? retryAfterSeconds = null)
    {
        if (retryAfterSeconds is null)
        {
            _context.Metrics.BadRequests.Add(1);
        }

        try
        {
            var response = _connection.Mark(_handler.CreateErrorResponse(statusCode, message));
            if (retryAfterSeconds is { } seconds)
            {
                response = response.With("Retry-After", seconds.ToString(CultureInfo.InvariantCulture));
            }

            _connection.Output.EnqueueRaw(response.Encode(HttpVersion.Http11, keepAlive: false, headOnly: false));
        }
        finally
        {
            // Whatever the error page did, the connection closes and keeps a deadline.
            _connection.BeginClose();
        }
    }

    private async ValueTask<ReadOnlySequence<byte>> ProcessAsync(ReadOnlySequence<byte> buffer)
    {
        try
        {
            while (_connection.Phase == ConnectionPhase.Requests && _context.Parser.TryParse(buffer, ref _requestScan, out var request, out var consumed))
            {
                buffer = buffer.Slice(consumed);
                _deadline.Disarm();
                if (!await AnswerAsync(request).ConfigureAwait(false))
                {
                    break;
                }

                _deadline.RequestDone(nextStarted: !buffer.IsEmpty, takesRequests: _connection.Phase == ConnectionPhase.Requests);
            }
        }
        catch (BadHttpRequestException ex)
        {
            Log.BadRequest(_context.Logger, _connection.Id, ex.StatusCode, ex.Message);
            Refuse(ex.StatusCode, ex.Message);
        }

        if (_connection.Phase == ConnectionPhase.Upgraded)
        {
            return buffer.Slice(Upgraded!.OnReceived(buffer));
        }

        if (_connection.Phase != ConnectionPhase.Requests)
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

    /// <summary>Hands one whole request to the handler; false when no more requests are read.</summary>
    private async ValueTask<bool> AnswerAsync(HttpRequest request)
    {
        request.IsHttps = _overTls || _context.Proxies.ForwardedHttps(request, _connection.RemoteEndPoint);
        if (!_forwardedClient.TryTake(request))
        {
            Refuse(503, "Too many connections from your address. Close some chat windows, or try again later.", retryAfterSeconds: 10);
            return false;
        }

        _deadline.RequestReceived();
        if (!_stop.TryBeginRequest())
        {
            // The server stopped before this request began: it closes unanswered and unacted on.
            return false;
        }

        try
        {
            await _handler.HandleAsync(request, _connection, _context.Stopping).ConfigureAwait(false);
        }
        finally
        {
            _stop.EndRequest();
        }

        if (_connection.Phase is ConnectionPhase.Requests or ConnectionPhase.Closing)
        {
            _forwardedClient.Release();
        }

        if (_stop.Requested && _connection.Phase == ConnectionPhase.Requests)
        {
            // The server began to stop while this request was answered.
            _connection.BeginClose();
        }

        return true;
    }
}
