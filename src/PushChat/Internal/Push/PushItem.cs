using System;
using System.Threading;
using PushChat.Internal.Transport;

namespace PushChat.Internal.Push;

/// <summary>
/// Something a fan-out carries to readers in the chat state's order: a line, or the deletion of
/// one. Its bytes are encoded once per transport format, on first use, and shared by every
/// reader of that format; they are kept framed as an HTTP chunk, so that no write frames or
/// copies them again.
/// </summary>
internal abstract class PushItem
{
    private readonly byte[]?[] _encoded = new byte[]?[LineEncoders.FormatCount];

    /// <summary>Whether the reader gets the item; <paramref name="live"/> is false on history replay.</summary>
    public abstract bool IsFor(IPushReader reader, bool live);

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
