using System;
using PushChat.Localization;
using PushChat.Localization.Keys;

namespace PushChat.Internal.Chat.Sockets;

/// <summary>
/// A field of a client message is missing, repeated or of the wrong JSON type. Thrown and caught
/// inside <see cref="ClientMessageReader"/> only, where it becomes an <c>invalid</c> answer; it
/// carries the message's id when that was read already.
/// </summary>
internal sealed class MessageFieldException : Exception
{
    public MessageFieldException(MessageId id, LocalText text)
        : base(text.ToString())
    {
        Id = id;
        Text = text;
    }

    public MessageId Id { get; }

    /// <summary>What is wrong, to be worded in the client's language.</summary>
    public LocalText Text { get; }
}
