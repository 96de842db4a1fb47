using System;
using System.Threading;

namespace PushChat.Internal.Transport;

/// <summary>
/// The process's writer loops, one per core: few enough that writing never takes every core
/// from request handling, enough that a fan-out writes on all of them. Each outbound queue is
/// given one loop for its lifetime, round-robin, so its writes stay in order on one thread.
/// </summary>
internal static class OutboundWriters
{
    private static readonly Lazy<WriterLoop[]> Loops = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int _next = -1;

    public static WriterLoop Next()
    {
        var loops = Loops.Value;
        var index = (int)((uint)Interlocked.Increment(ref _next) % (uint)loops.Length);
        return loops[index];
    }

    private static WriterLoop[] Create()
    {
        var count = Math.Max(1, Math.Min(Environment.ProcessorCount, 16));
        var loops = new WriterLoop[count];
        for (var i = 0; i < count; i++)
        {
            loops[i] = new WriterLoop("PushChat writer " + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return loops;
    }
}
