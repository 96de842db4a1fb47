using System;
using System.IO;
#if !NET
using System.Runtime.InteropServices;
using System.Threading.Tasks;
#else
using System.Threading.Tasks;
#endif

namespace PushChat.Internal.Transport;

/// <summary>
/// Sends a write's pieces on a stream (TLS, or a test's), one after the other: a stream takes one
/// buffer at a time, and over TLS each is one record, which is why small bytes were coalesced
/// into a block first. An unfinished piece resumes through one reused continuation, not a task
/// per write.
/// </summary>
internal sealed class StreamSender : OutboundSender
{
    private readonly Stream _stream;
    private readonly Action _onWritten;
    private WritePieces? _sending;
    private int _next;
#if NET
    private ValueTask _pending;
#else
    private Task? _pending;
#endif

    public StreamSender(Stream stream, OutboundQueue queue)
        : base(queue)
    {
        _stream = stream;
        _onWritten = OnWritten;
    }

    public override bool Send(WritePieces pieces)
    {
        _sending = pieces;
        _next = 0;
        return WriteRest();
    }

    /// <summary>Writes the pieces not written yet; true when all went at once.</summary>
    private bool WriteRest()
    {
        var pieces = _sending!;
        while (_next < pieces.Count)
        {
            var piece = pieces[_next++];
            try
            {
#if NET
#pragma warning disable CA2012 // Consumed exactly once: at once when complete, else by OnWritten when it completes.
                var pending = _stream.WriteAsync(piece);
#pragma warning restore CA2012
#else
                MemoryMarshal.TryGetArray(piece, out var segment);
                var pending = _stream.WriteAsync(segment.Array!, segment.Offset, segment.Count);
#endif
                if (!pending.IsCompleted)
                {
                    _pending = pending;
                    pending.GetAwaiter().UnsafeOnCompleted(_onWritten);
                    return false;
                }

                pending.GetAwaiter().GetResult();
            }
#pragma warning disable CA1031 // Whatever a write throws, the connection is gone; the writer loop must go on.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Failed(ex);
                return false;
            }
        }

        var bytes = pieces.Bytes;
        _sending = null;
        pieces.Clear();
        NoteSent(bytes);
        return true;
    }

    private void OnWritten()
    {
        var pending = _pending;
        _pending = default;
        try
        {
            pending!.GetAwaiter().GetResult();
        }
#pragma warning disable CA1031 // As in WriteRest.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Failed(ex);
            return;
        }

        if (WriteRest())
        {
            // The write finished on a thread-pool thread; the next write is the writer loop's.
            Queue.ContinueLater();
        }
    }

    private void Failed(Exception error)
    {
        var pieces = _sending!;
        _sending = null;
        pieces.Clear();
        Queue.Fail(error);
    }
}
