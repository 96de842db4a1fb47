using System;

namespace PushChat.Internal.Push;

/// <summary>A room line with its bytes, rendered once and shared by every reader.</summary>
internal sealed class RenderedLine
{
    public RenderedLine(ChatMessage message, ReadOnlyMemory<byte> html)
    {
        Message = message;
        Html = html;
    }

    public ChatMessage Message { get; }

    /// <summary>The line as the chat frame's HTML fragment, UTF-8.</summary>
    public ReadOnlyMemory<byte> Html { get; }
}
