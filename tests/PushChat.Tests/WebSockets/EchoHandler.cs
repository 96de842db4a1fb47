using System.Collections.Concurrent;
using PushChat.Internal.WebSockets;

namespace PushChat.Tests.WebSockets;

/// <summary>Echoes each text message and records what the connection handed it.</summary>
internal sealed class EchoHandler : IWebSocketHandler
{
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _closedCount;

    public WebSocketConnection Socket { get; set; } = null!;

    public ConcurrentQueue<string> Texts { get; } = new();

    public int ClosedCount => Volatile.Read(ref _closedCount);

    public Task Closed => _closed.Task;

    public void OnText(ReadOnlyMemory<byte> utf8)
    {
        Texts.Enqueue(System.Text.Encoding.UTF8.GetString(utf8.Span));
        Socket.SendText(utf8.Span);
    }

    public void OnClosed()
    {
        Interlocked.Increment(ref _closedCount);
        _closed.TrySetResult();
    }
}
