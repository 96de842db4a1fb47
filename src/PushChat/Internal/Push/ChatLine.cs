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

    public ChatLine(ChatMessage message, LineAudience audience, LineEncoders encoders)
    {
        Message = message;
        Audience = audience;
        _encoders = encoders;
    }

    public ChatMessage Message { get; }

    public LineAudience Audience { get; }

    public long Sequence => Message.Sequence;

    public bool IsFor(IPushReader reader) => Audience.Includes(reader, Message.Sender);

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
