namespace PushChat.Internal.Push;

/// <summary>Turns a line into the bytes of one transport format.</summary>
internal interface ILineEncoder
{
    LineFormat Format { get; }

    byte[] Encode(ChatMessage message);
}
