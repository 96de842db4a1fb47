using System;
using System.Threading;
using PushChat.Internal.Transport;

namespace PushChat.Internal.Push;

/// <summary>
/// Something a fan-out carries to readers in the chat state's order, kept in a log at its
/// <see cref="Position"/>: a line, a notice, or the deletion of a line. Its bytes are encoded once
/// per transport format, on first use, and shared by every reader of that format (and by the
/// copy of a whisper in the other end's log); they are kept framed as an HTTP chunk, so that no
/// write frames or copies them again.
/// </summary>
internal abstract class PushItem
{
    private readonly byte[]?[] _encoded;

    /// <param name="stamp">When the item was applied, in the chat state's order of changes.</param>
    /// <param name="sameBytesAs">An item of another log whose bytes this one shares, or null.</param>
    protected PushItem(long stamp, PushItem? sameBytesAs = null)
    {
        Stamp = stamp;
        _encoded = sameBytesAs?._encoded ?? new byte[]?[LineEncoders.FormatCount];
    }

    /// <summary>When the item was applied, in the chat state's order: it orders items of different logs.</summary>
    public long Stamp { get; }

    /// <summary>Where the item stands in its log; placed once, when it is appended.</summary>
    public LogPosition Position { get; private set; }

    /// <summary>Whether the reader gets the item; <paramref name="live"/> is false on history replay.</summary>
    public abstract bool IsFor(IPushReader reader, bool live);

    /// <summary>
    /// Whether a reader who has its log up to <paramref name="seen"/> needs this later item: a line
    /// deleted since does not need to be shown, nor its deletion, unless the reader had the line.
    /// </summary>
    public virtual bool IsNewsAfter(long seen) => true;

    /// <summary>Called once, by the log the item is appended to.</summary>
    public void Place(LogPosition position)
    {
        if (Position != LogPosition.None)
        {
            throw new InvalidOperationException("An item is placed in one log only.");
        }

        Position = position;
    }

    /// <summary>Encodes the item for every format now, so that whoever delivers it later only reads the bytes.</summary>
    public void EncodeAll()
    {
        for (var format = 0; format < LineEncoders.FormatCount; format++)
        {
            _ = Encoded((LineFormat)format);
        }
    }

    /// <summary>The item's bytes in <paramref name="format"/>.</summary>
    public ReadOnlyMemory<byte> Encoded(LineFormat format) => ChunkFraming.Payload(Framed(format));

    /// <summary>The item's bytes in <paramref name="format"/>, framed as one HTTP chunk (<see cref="ChunkFraming.Frame"/>).</summary>
    public ReadOnlyMemory<byte> Framed(LineFormat format)
    {
        var index = (int)format;
        var bytes = Volatile.Read(ref _encoded[index]);
        if (bytes is null)
        {
            // Two first readers may both encode; one result wins and the other is dropped.
            bytes = ChunkFraming.Frame(Encode(format));
            bytes = Interlocked.CompareExchange(ref _encoded[index], bytes, null) ?? bytes;
        }

        return bytes;
    }

    protected abstract byte[] Encode(LineFormat format);
}
