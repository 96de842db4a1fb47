using System.Diagnostics;
using System.Runtime.InteropServices;
using PushChat.LoadClient.Native;

namespace PushChat.LoadClient;

/// <summary>
/// A thread that reads its share of the readers through one epoll set, each as soon as bytes
/// arrive, as a browser would: one non-blocking <c>recv</c> per ready socket and no managed
/// completion, task or thread-pool item per read, so the client's cost per delivered line stays
/// small and a server is never flattered by a client too slow to empty its sockets.
/// </summary>
internal sealed unsafe class ReaderLoop : IDisposable
{
    private const int MaxEvents = 512;

    private readonly Reader?[] _readers;
    private readonly int _epoll = Epoll.Create();
    private readonly int _bufferBytes;
    private readonly Thread _thread;
    private readonly Run _run;
    private volatile bool _stopping;

    public ReaderLoop(int index, Reader?[] readers, int bufferBytes, Run run)
    {
        _readers = readers;
        _bufferBytes = bufferBytes;
        _run = run;
        _thread = new Thread(Loop) { IsBackground = true, Name = "readers-" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        _thread.Start();
    }

    /// <summary>Starts reading a subscribed reader; its index is its key in the shared table.</summary>
    public void Add(Reader reader) => Epoll.Add(_epoll, (int)reader.Connection.Socket.Handle, reader.Index);

    public void Dispose()
    {
        _stopping = true;
        _thread.Join();
    }

    /// <summary>Decodes one read; false when the stream broke its transport's rules or an answer to the server failed.</summary>
    private bool Feed(Reader reader, ReadOnlySpan<byte> data)
    {
        try
        {
            reader.Feed(data, Stopwatch.GetTimestamp());
            return true;
        }
        catch (Exception ex) when (ex is InvalidDataException or System.Net.Sockets.SocketException)
        {
            _run.OnStreamBroken(reader, ex);
            return false;
        }
    }

    private void Loop()
    {
        var buffer = (byte*)NativeMemory.Alloc((nuint)_bufferBytes);
        var events = (byte*)NativeMemory.Alloc((nuint)(MaxEvents * Epoll.EventSize));
        try
        {
            while (!_stopping)
            {
                var count = Epoll.Wait(_epoll, events, MaxEvents, 100);
                for (var i = 0; i < count; i++)
                {
                    var reader = _readers[Epoll.DataAt(events, i)]!;
                    var fd = (int)reader.Connection.Socket.Handle;
                    var read = Epoll.Receive(fd, buffer, _bufferBytes);
                    if (read > 0 && Feed(reader, new ReadOnlySpan<byte>(buffer, read)))
                    {
                        continue;
                    }

                    if (read != -1)
                    {
                        // The server closed the stream (a reader cut off), it failed, or it sent
                        // what its transport does not allow: the reader's lines count as lost.
                        Epoll.Remove(_epoll, fd);
                        _run.OnReaderClosed(reader);
                    }
                }
            }
        }
        finally
        {
            NativeMemory.Free(buffer);
            NativeMemory.Free(events);
        }
    }
}
