using System;
using PushChat.Internal.Push;

namespace PushChat.Internal.Transport;

/// <summary>Fan-out through a server's <see cref="OutboundDispatcher"/>: one <see cref="DrainBatch"/> per item.</summary>
internal sealed class DispatcherFanOut : IFanOut
{
    private readonly OutboundDispatcher _dispatcher;

    public DispatcherFanOut(OutboundDispatcher dispatcher) => _dispatcher = dispatcher;

    public void To(IFanOutTarget[] readers, PushItem item, long now)
    {
        if (readers.Length == 0)
        {
            // Still encoded here: a reader replaying it later must not run a renderer on its thread.
            item.RenderAhead();
            return;
        }

        var batch = new DrainBatch(_dispatcher);
        batch.FanOut(readers, item, now);
        batch.Schedule();
    }

    public void After(Action step) => _dispatcher.Post(new FanOutStep(step));
}
