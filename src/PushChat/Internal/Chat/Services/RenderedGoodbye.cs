namespace PushChat.Internal.Chat.Services;

/// <summary>A chat frame's closing fragment as the renderer drew it and as bytes, kept together so that frames can share the bytes.</summary>
internal sealed class RenderedGoodbye
{
    public RenderedGoodbye(string text, byte[] bytes)
    {
        Text = text;
        Bytes = bytes;
    }

    public string Text { get; }

    public byte[] Bytes { get; }
}
