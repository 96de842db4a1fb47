namespace PushChat.Internal.Transport;

/// <summary>Output waiting its turn in the <see cref="OutboundDispatcher"/>, which applies jobs in the order they were posted.</summary>
internal abstract class OutboundJob
{
    /// <summary>The job posted after this one, while both wait.</summary>
    internal OutboundJob? NextJob { get; set; }

    /// <summary>Queues the job's bytes, on the dispatcher's thread; queues whose writes must start join <paramref name="starts"/>.</summary>
    public abstract void Apply(WriteStarts starts);

    /// <summary>
    /// Takes over the job posted right after this one when both can be applied as one (the next
    /// lines for the same readers), so that a dispatcher that fell behind applies more lines per
    /// reader instead of more passes over the readers.
    /// </summary>
    public virtual bool TryAbsorb(OutboundJob next) => false;
}
