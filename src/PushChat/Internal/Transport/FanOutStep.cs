using System;

namespace PushChat.Internal.Transport;

/// <summary>A step the fan-out thread takes in its turn, after the jobs posted before it (see <see cref="Push.IFanOut.After"/>).</summary>
internal sealed class FanOutStep : OutboundJob
{
    private readonly Action _step;

    public FanOutStep(Action step) => _step = step;

    public override void Apply(WriteStarts starts) => _step();
}
