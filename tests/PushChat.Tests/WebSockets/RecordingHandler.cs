using PushChat.Internal.WebSockets;

namespace PushChat.Tests.WebSockets;

/// <summary>Records text messages; may be told to throw or to answer.</summary>
internal sealed class RecordingHandler : IWebSocketHandler
{
    public List<string> Texts { get; } = new();

    public int ClosedCount { get; private set; }

    public Action<string>? OnEach { get; set; }

    public void OnText(ReadOnlyMemory<byte> utf8)
    {
        var text = System.Text.Encoding.UTF8.GetString(utf8.Span);
        Texts.Add(text);
        OnEach?.Invoke(text);
    }

    public void OnClosed() => ClosedCount++;
}
