using System.Net;
using System.Net.Sockets;
using System.Text;
using PushChat.LoadClient.Ceiling;

namespace PushChat.Benchmarks.Serving;

/// <summary>
/// The ceiling: plain sockets, no HTTP framework, the least work a fan-out can do. A connection
/// that starts with <c>SUB</c> receives every line; one that sends <c>PUB text</c> lines publishes
/// (each line is encoded once and the same bytes are queued to everyone) and is answered <c>+</c>
/// per line once it is queued, the ceiling's equivalent of a post's HTTP answer; one that starts with
/// <c>GET</c> gets a fixed page per request, the ceiling for short requests. Given a
/// <see cref="LineTemplate"/> taken from PushChat, it sends each line as the bytes PushChat writes
/// for it in that reader format, after the format's response head (<c>SUB format</c>): the same
/// bytes per line on the same ceiling, so markup size and engine cost are told apart.
/// </summary>
internal sealed class RawCeilingServer : IServerUnderTest
{
    private static readonly byte[] Acknowledgement = "+\n"u8.ToArray();

    private static readonly byte[] PageResponse = Encoding.ASCII.GetBytes(
        $"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {Encoding.UTF8.GetByteCount(SamplePages.Login)}\r\n\r\n{SamplePages.Login}");

    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly object _gate = new();
    private readonly object _broadcastGate = new();
    private readonly int _maxQueuedBytes;
    private readonly LineTemplate? _template;
    private RawSubscriber[] _subscribers = Array.Empty<RawSubscriber>();
    private long _dropped;
    private long _connections;

    public RawCeilingServer(ServerSettings settings)
    {
        _maxQueuedBytes = settings.QueueBytes;
        _template = settings.Template is { } template ? LineTemplate.Parse(template) : null;
    }

    public long DroppedSlowReaders => Interlocked.Read(ref _dropped);

    public long Connections => Interlocked.Read(ref _connections);

    public long Joined => -1;

    public Task<int> StartAsync()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(1024);
        _ = AcceptLoopAsync();
        return Task.FromResult(((IPEndPoint)_listener.LocalEndPoint!).Port);
    }

    public ValueTask DisposeAsync()
    {
        _listener.Dispose();
        return ValueTask.CompletedTask;
    }

    public void OnOverflow(RawSubscriber subscriber)
    {
        Interlocked.Increment(ref _dropped);
        Remove(subscriber);
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync().ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex) when (ex.SocketErrorCode != SocketError.OperationAborted)
            {
                continue;
            }
            catch (SocketException)
            {
                return;
            }

            socket.NoDelay = true;
            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        Interlocked.Increment(ref _connections);
        try
        {
            var buffer = new byte[8192];
            var length = await socket.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false);
            if (length >= 3 && buffer.AsSpan(0, 3).SequenceEqual("SUB"u8))
            {
                await SubscribeAsync(socket, buffer.AsSpan(0, length).ToArray()).ConfigureAwait(false);
            }
            else if (length >= 4 && buffer.AsSpan(0, 4).SequenceEqual("GET "u8))
            {
                await ServePagesAsync(socket, buffer, length).ConfigureAwait(false);
            }
            else
            {
                await PublishAsync(socket, buffer, length).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            socket.Dispose();
            Interlocked.Decrement(ref _connections);
        }
    }

    private async Task SubscribeAsync(Socket socket, byte[] request)
    {
        // "SUB" alone for plain lines; "SUB format" for PushChat's bytes, which must be this ceiling's.
        var end = request.AsSpan().IndexOf((byte)'\n');
        var format = Encoding.ASCII.GetString(request.AsSpan(0, end < 0 ? request.Length : end)).Substring(3).Trim();
        if (format != (_template?.Format ?? string.Empty))
        {
            return;
        }

        if (_template is not null)
        {
            await socket.SendAsync(CeilingFormats.Head(_template.Format), SocketFlags.None).ConfigureAwait(false);
        }

        var subscriber = new RawSubscriber(socket, _maxQueuedBytes, this);
        lock (_gate)
        {
            _subscribers = [.. _subscribers, subscriber];
        }

        try
        {
            // Nothing more is expected from a subscriber; a read of 0 is its end.
            var discard = new byte[16];
            while (await socket.ReceiveAsync(discard, SocketFlags.None).ConfigureAwait(false) > 0)
            {
            }
        }
        finally
        {
            Remove(subscriber);
            subscriber.Close();
        }
    }

    private async Task PublishAsync(Socket socket, byte[] buffer, int length)
    {
        while (length > 0)
        {
            var data = buffer.AsSpan(0, length);
            var consumed = 0;
            var published = 0;
            int newline;
            while ((newline = data.Slice(consumed).IndexOf((byte)'\n')) >= 0)
            {
                var line = data.Slice(consumed, newline);
                consumed += newline + 1;
                if (line.StartsWith("PUB "u8))
                {
                    Broadcast(line.Slice(4));
                    published++;
                }
            }

            for (var i = 0; i < published; i++)
            {
                await socket.SendAsync(Acknowledgement, SocketFlags.None).ConfigureAwait(false);
            }

            var rest = length - consumed;
            Buffer.BlockCopy(buffer, consumed, buffer, 0, rest);
            if (rest == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = await socket.ReceiveAsync(buffer.AsMemory(rest), SocketFlags.None).ConfigureAwait(false);
            length = read == 0 ? 0 : rest + read;
        }
    }

    private void Broadcast(ReadOnlySpan<byte> text)
    {
        // Encoded once, the same bytes queued to everyone, as PushChat encodes an item once per format.
        var line = _template?.Render(text) ?? [.. text, (byte)'\n'];

        // One broadcast at a time, as a chat room does, so every subscriber gets the lines of
        // concurrent publishers in the same order.
        lock (_broadcastGate)
        {
            foreach (var subscriber in Volatile.Read(ref _subscribers))
            {
                subscriber.Enqueue(line);
            }
        }
    }

    private static async Task ServePagesAsync(Socket socket, byte[] buffer, int length)
    {
        var pending = 0;
        while (length > 0)
        {
            var (responses, consumed) = CountRequests(buffer.AsSpan(0, pending + length));
            for (var i = 0; i < responses; i++)
            {
                await socket.SendAsync(PageResponse, SocketFlags.None).ConfigureAwait(false);
            }

            pending = pending + length - consumed;
            Buffer.BlockCopy(buffer, consumed, buffer, 0, pending);
            length = await socket.ReceiveAsync(buffer.AsMemory(pending), SocketFlags.None).ConfigureAwait(false);
        }
    }

    private static (int Requests, int Consumed) CountRequests(ReadOnlySpan<byte> data)
    {
        var consumed = 0;
        var requests = 0;
        int end;
        while ((end = data.Slice(consumed).IndexOf("\r\n\r\n"u8)) >= 0)
        {
            consumed += end + 4;
            requests++;
        }

        return (requests, consumed);
    }

    private void Remove(RawSubscriber subscriber)
    {
        lock (_gate)
        {
            var index = Array.IndexOf(_subscribers, subscriber);
            if (index >= 0)
            {
                _subscribers = [.. _subscribers.AsSpan(0, index), .. _subscribers.AsSpan(index + 1)];
            }
        }
    }
}
