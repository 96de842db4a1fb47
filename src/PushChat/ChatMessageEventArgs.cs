using System;

namespace PushChat;

/// <summary>Data of <see cref="ChatServer.MessagePosted"/>.</summary>
public sealed class ChatMessageEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    /// <param name="message">The line that was posted.</param>
    public ChatMessageEventArgs(ChatMessage message) => Message = message;

    /// <summary>The line that was posted, with its sequence number.</summary>
    public ChatMessage Message { get; }
}
