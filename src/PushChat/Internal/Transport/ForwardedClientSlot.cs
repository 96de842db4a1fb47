using PushChat.Internal.Http;
using PushChat.Internal.Infrastructure;

namespace PushChat.Internal.Transport;

/// <summary>
/// The place a connection from a trusted proxy takes in the per-address count of the client its
/// request names, so that a proxy does not let one visitor past the cap every direct client is
/// held to. Connections from anyone else are counted once, when accepted, and never here.
/// </summary>
internal sealed class ForwardedClientSlot
{
    private readonly HttpConnection _connection;
    private readonly ServiceContext _context;

    public ForwardedClientSlot(HttpConnection connection, ServiceContext context)
    {
        _connection = connection;
        _context = context;
    }

    /// <summary>
    /// Behind a trusted proxy the connection counts against the client the request names while
    /// that request is answered and, when it became a stream, for as long as the stream is open.
    /// False, having logged the refusal, when that client holds its share of connections already;
    /// the caller answers 503.
    /// </summary>
    public bool TryTake(HttpRequest request)
    {
        var peer = _connection.RemoteEndPoint;
        if (!_context.Proxies.IsTrusted(peer.Address))
        {
            return true;
        }

        var client = _context.Proxies.ClientOf(request, peer).Address;
        if (_context.Connections.TryCountForwardedClient(_connection, _context.Proxies.IsTrusted(client) ? null : client))
        {
            return true;
        }

        if (_context.RefusalLog.TryEnter(out var skipped))
        {
            Log.ConnectionRefused(_context.Logger, client, skipped);
        }

        return false;
    }

    /// <summary>
    /// Once an answer is out and the connection waits, it no longer counts against the client it
    /// carried: a proxy keeps such connections pooled (nginx <c>keepalive</c>, HAProxy reuse), and
    /// a busy visitor would otherwise be counted for every pooled connection it ever touched.
    /// </summary>
    public void Release()
    {
        if (_context.Proxies.IsTrusted(_connection.RemoteEndPoint.Address))
        {
            _context.Connections.TryCountForwardedClient(_connection, client: null);
        }
    }
}
