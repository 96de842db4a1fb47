using System.Buffers;
using System.Net.Sockets;

namespace PushChat.Benchmarks.Serving;

/// <summary>
/// One subscriber of the raw ceiling: a bounded queue of shared line buffers and one drain at a
/// time that sends everything queued in a single write.
/// </summary>
internal sealed class RawSubscriber : IThreadPoolWorkItem
{
    private readonly Socket _socket;
    private readonly int _maxQueuedBytes;
    private readonly RawCeilingServer _server;
    private readonly object _gate = new();
    private List<byte[]> _queue = new();
    private List<byte[]> _spare = new();
    private int _queuedBytes;
    private bool _draining;
    private bool _closed;

    public RawSubscriber(Socket socket, int maxQueuedBytes, RawCeilingServer server)
    {
        _socket = socket;
        _maxQueuedBytes = maxQueuedBytes;
        _server = server;
    }

    public void Enqueue(byte[] line)
    {
        bool overflow;
        var start = false;
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            overflow = _queuedBytes + line.Length > _maxQueuedBytes;
            if (overflow)
            {
                _closed = true;
                _queue.Clear();
                _queuedBytes = 0;
            }
            else
            {
                _queue.Add(line);
                _queuedBytes += line.Length;
                start = !_draining;
                _draining |= start;
            }
        }

        if (overflow)
        {
            _server.OnOverflow(this);
            _socket.Dispose();
        }
        else if (start)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            _queue.Clear();
        }
    }

    void IThreadPoolWorkItem.Execute() => _ = DrainAsync();

    private async Task DrainAsync()
    {
        while (true)
        {
            List<byte[]> batch;
            int bytes;
            lock (_gate)
            {
                if (_closed || _queue.Count == 0)
                {
                    _draining = false;
                    return;
                }

                batch = _queue;
                bytes = _queuedBytes;
                _queue = _spare;
                _queuedBytes = 0;
            }

            var buffer = ArrayPool<byte>.Shared.Rent(bytes);
            var length = 0;
            foreach (var line in batch)
            {
                line.CopyTo(buffer, length);
                length += line.Length;
            }

            batch.Clear();
            lock (_gate)
            {
                _spare = batch;
            }

            try
            {
                var sent = 0;
                while (sent < length)
                {
                    sent += await _socket.SendAsync(buffer.AsMemory(sent, length - sent), SocketFlags.None).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                Close();
                return;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
