using System;
using PushChat.Internal.Transport;

namespace PushChat.Internal.Push;

/// <summary>
/// Hands an item to readers. The chat state calls it under its lock, in log order, and it returns
/// at once: the readers get the item later, on the fan-out thread, in the same order.
/// </summary>
internal interface IFanOut
{
    /// <summary>
    /// Sends <paramref name="item"/> to every reader in <paramref name="readers"/>, an array the
    /// caller never changes afterwards. The item is encoded now, on the calling thread.
    /// </summary>
    void To(IFanOutTarget[] readers, PushItem item, long now);

    /// <summary>
    /// Runs <paramref name="step"/> on the fan-out's thread once every item handed over before it
    /// has reached its readers: a stream that ends after a change says goodbye after the change's
    /// last item (a kick's notice), not before it.
    /// </summary>
    void After(Action step);
}
