using System;
using PushChat.Internal.Infrastructure;

namespace PushChat.Internal.Transport;

/// <summary>
/// A thread that writes outbound queues in turn: it takes every queue waiting for it, gives each
/// one write of everything it holds, and starts over with the queues that got more meanwhile.
/// </summary>
/// <remarks>
/// Writers run on their own few threads, not on the thread pool, so that reading and answering
/// requests never waits in the pool's queue behind fan-out writes. Under overload the number of
/// queues waiting is bounded by the number of connections, not by the number of lines: a queue
/// that waits longer for its turn gathers more lines into its next write.
/// </remarks>
internal sealed class WriterLoop : WorkerThread<OutboundQueue>
{
    /// <param name="name">The thread's name, which tells its server apart in a thread dump.</param>
    public WriterLoop(string name)
        : base(name)
    {
    }

    /// <summary>Appends a queue to the end of the turn order.</summary>
    public void Schedule(OutboundQueue queue) => Append(queue, queue);

    /// <summary>Appends a chain of queues linked through <see cref="OutboundQueue.NextToWrite"/>.</summary>
    public void Schedule(OutboundQueue first, OutboundQueue last) => Append(first, last);

    protected override void Link(OutboundQueue item, OutboundQueue next) => item.NextToWrite = next;

    protected override void Work(OutboundQueue chain)
    {
        OutboundQueue? round = chain;
        while (round is not null)
        {
            // Unlinked first: the write may schedule the queue again, at the end of the next round.
            var queue = round;
            round = queue.NextToWrite;
            queue.NextToWrite = null;
            try
            {
                queue.WriteQueued();
            }
#pragma warning disable CA1031 // An exception on this thread would end the process; one connection's must not stop every other's output.
            catch (Exception)
#pragma warning restore CA1031
            {
                queue.Close();
            }
        }
    }
}
