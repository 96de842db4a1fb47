namespace PushChat.Internal.WebSockets;

/// <summary>One frame from a client, its payload already unmasked.</summary>
internal readonly struct WebSocketFrame
{
    public WebSocketFrame(bool isFinal, WebSocketOpcode opcode, byte[] payload)
    {
        IsFinal = isFinal;
        Opcode = opcode;
        Payload = payload;
    }

    /// <summary>The last frame of its message (always true for control frames).</summary>
    public bool IsFinal { get; }

    public WebSocketOpcode Opcode { get; }

    public byte[] Payload { get; }

    public bool IsControl => ((byte)Opcode & 0x8) != 0;
}
