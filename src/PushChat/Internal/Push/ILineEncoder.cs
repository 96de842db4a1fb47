using PushChat.Localization;

namespace PushChat.Internal.Push;

/// <summary>Turns a line, or its deletion, into the bytes of one transport format.</summary>
internal interface ILineEncoder
{
    LineFormat Format { get; }

    byte[] Encode(ChatMessage message, ChatLanguage language);

    /// <summary>What tells a reader that already has <paramref name="message"/> to take it away.</summary>
    byte[] EncodeRemoval(ChatMessage message, ChatLanguage language);
}
