using System;

namespace PushChat.Internal.Push;

/// <summary>The encoder of every transport format a server speaks.</summary>
internal sealed class LineEncoders
{
    public const int FormatCount = 3;

    private readonly ILineEncoder[] _byFormat = new ILineEncoder[FormatCount];

    public LineEncoders(params ILineEncoder[] encoders)
    {
        foreach (var encoder in encoders)
        {
            _byFormat[(int)encoder.Format] = encoder;
        }
    }

    public byte[] Encode(LineFormat format, ChatMessage message) => For(format).Encode(message);

    public byte[] EncodeRemoval(LineFormat format, ChatMessage message) => For(format).EncodeRemoval(message);

    private ILineEncoder For(LineFormat format) =>
        _byFormat[(int)format] ?? throw new InvalidOperationException($"No encoder for {format}.");
}
