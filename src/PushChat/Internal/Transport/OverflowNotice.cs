using System;
using System.Threading;

namespace PushChat.Internal.Transport;

/// <summary>
/// Tells a queue's owner it was cut off, off the calling thread, which may be the fan-out thread
/// or a writer: the owner's logging and metrics are host code, which never runs there.
/// </summary>
internal static class OverflowNotice
{
    public static void Post(IOutboundOwner owner) =>
        ThreadPool.QueueUserWorkItem(
            static owner =>
            {
                try
                {
                    ((IOutboundOwner)owner!).OnOutputOverflow();
                }
#pragma warning disable CA1031 // A host's listener that throws on a thread-pool thread would end the process.
                catch (Exception)
#pragma warning restore CA1031
                {
                }
            },
            owner);
}
