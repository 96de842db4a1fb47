using System;
using System.IO;
using System.Threading.Tasks;
#if NET
using PendingWrite = System.Threading.Tasks.ValueTask;
#else
using PendingWrite = System.Threading.Tasks.Task;
#endif

namespace PushChat.Internal.Transport;

/// <summary>
/// Sends one write's pooled buffer on a connection's stream and gives the buffer back to the pool
/// whenever the send finishes, at once or later. It exists so that the queue deals only with what
/// a finished or failed send means for it, not with how a send completes.
/// </summary>
internal static class PooledWrite
{
    /// <summary>
    /// Sends the first <paramref name="length"/> bytes of <paramref name="buffer"/>. Returns true
    /// when the send finished at once. Otherwise the queue hears of the outcome: at once through
    /// <see cref="OutboundQueue.Fail"/> if the send failed, or, for a send that cannot finish at
    /// once (the peer's window is full), when it completes on its own.
    /// </summary>
    public static bool Send(Stream stream, byte[] buffer, int length, OutboundQueue queue)
    {
        PendingWrite pending;
        try
        {
#if NET
            pending = stream.WriteAsync(buffer.AsMemory(0, length));
#else
            pending = stream.WriteAsync(buffer, 0, length);
#endif
        }
#pragma warning disable CA1031 // Whatever a write throws, the connection is gone; the writer loop must go on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            WriteAssembly.ReturnBuffer(buffer);
            queue.Fail(ex);
            return false;
        }

        if (!pending.IsCompleted)
        {
            _ = FinishAsync(pending, buffer, queue);
            return false;
        }

        try
        {
            pending.GetAwaiter().GetResult();
        }
#pragma warning disable CA1031 // As above.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            queue.Fail(ex);
            return false;
        }
        finally
        {
            WriteAssembly.ReturnBuffer(buffer);
        }

        return true;
    }

    private static async Task FinishAsync(PendingWrite pending, byte[] buffer, OutboundQueue queue)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // As in Send.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            queue.Fail(ex);
            return;
        }
        finally
        {
            WriteAssembly.ReturnBuffer(buffer);
        }

        // The send finished on a thread-pool thread; the next write is the writer loop's.
        queue.ContinueLater();
    }
}
