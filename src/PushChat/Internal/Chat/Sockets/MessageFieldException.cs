using System;

namespace PushChat.Internal.Chat.Sockets;

/// <summary>
/// A field of a client message is missing, repeated or of the wrong JSON type. Thrown and caught
/// inside <see cref="ClientMessageReader"/> only, where it becomes an <c>invalid</c> answer; it
/// carries the message's id when that was read already.
/// </summary>
internal sealed class MessageFieldException : Exception
{
    public MessageFieldException(MessageId id, string message)
        : base(message) => Id = id;

    public MessageId Id { get; }
}
