using System;
using System.Threading;

namespace PushChat.Internal.Push;

/// <summary>
/// A numbered line of a room with its audience. Its bytes are encoded once per transport format,
/// on first use, and shared by every reader of that format.
/// </summary>
internal sealed class ChatLine
{
    private readonly LineEncoders _encoders;
    private readonly byte[]?[] _encoded = new byte[]?[LineEncoders.FormatCount];

    public ChatLine(ChatMessage message, LineAudience audience, LineEncoders encoders, long stamp)
    {
        Message = message;
        Audience = audience;
        _encoders = encoders;
        Stamp = stamp;
    }

    public ChatMessage Message { get; }

    public LineAudience Audience { get; }

    public long Sequence => Message.Sequence;

    /// <summary>When the line was applied, in the chat state's order of changes.</summary>
    public long Stamp { get; }

    /// <summary>
    /// Whether the reader may see the line: live, as the reader's ignores stood when the line was
    /// applied (fan-out reaches readers later, on another thread); on replay, as they stand now.
    /// </summary>
    public bool IsFor(IPushReader reader, bool live) =>
        Audience.Includes(reader, Message.Sender, live ? Stamp : long.MaxValue);

    public ReadOnlyMemory<byte> Encoded(LineFormat format)
    {
        var index = (int)format;
        var bytes = Volatile.Read(ref _encoded[index]);
        if (bytes is null)
        {
            // Two first readers may both encode; one result wins and the other is dropped.
            bytes = _encoders.Encode(format, Message);
            bytes = Interlocked.CompareExchange(ref _encoded[index], bytes, null) ?? bytes;
        }

        return bytes;
    }
}
