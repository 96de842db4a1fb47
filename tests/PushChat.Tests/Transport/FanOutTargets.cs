using System.Collections.Concurrent;
using System.Text;
using PushChat.Internal.Push;
using PushChat.Internal.Transport;
using PushChat.Localization;

namespace PushChat.Tests.Transport;

/// <summary>A reader that holds the dispatcher inside its delivery until released.</summary>
internal sealed class BlockingTarget : IFanOutTarget, IDisposable
{
    private readonly ManualResetEventSlim _release = new();

    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _release.Set();

    public void Deliver(ReadOnlySpan<PushItem> lines, long now, WriteStarts starts)
    {
        Entered.TrySetResult();
        _release.Wait(TimeSpan.FromSeconds(30));
    }

    public void DeliveryFailed(Exception error)
    {
    }

    public void Dispose()
    {
        _release.Set();
        _release.Dispose();
    }
}

/// <summary>A reader that records each delivery: the lines it carried, in order.</summary>
internal sealed class RecordingTarget : IFanOutTarget
{
    private readonly SemaphoreSlim _delivered = new(0);

    public ConcurrentQueue<string[]> Deliveries { get; } = new();

    public void Deliver(ReadOnlySpan<PushItem> lines, long now, WriteStarts starts)
    {
        var texts = new string[lines.Length];
        for (var i = 0; i < lines.Length; i++)
        {
            texts[i] = ((ChatLine)lines[i]).Message.Text;
        }

        Deliveries.Enqueue(texts);
        _delivered.Release();
    }

    public void DeliveryFailed(Exception error)
    {
    }

    public async Task WaitForLinesAsync(int count)
    {
        while (Deliveries.Sum(d => d.Length) < count)
        {
            await _delivered.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }
}

/// <summary>A reader whose delivery throws, as a broken stream would; records how it was told.</summary>
internal sealed class ThrowingTarget : IFanOutTarget
{
    public TaskCompletionSource<(Exception Error, string? Thread)> Failed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Deliver(ReadOnlySpan<PushItem> lines, long now, WriteStarts starts) => throw new InvalidOperationException("broken reader");

    public void DeliveryFailed(Exception error) => Failed.TrySetResult((error, Thread.CurrentThread.Name));
}

/// <summary>Lines for fan-out tests, encoded as their plain text.</summary>
internal static class TestLines
{
    private static readonly LineEncoders Encoders = new(new ChatLanguages(new[] { ChatLanguage.English }, "en"), new PlainText());

    public static ChatLine Line(string text) =>
        new(new ChatMessage("room", 1, ChatMessageKind.System, null, null, text, DateTimeOffset.UnixEpoch), LineAudience.Room, Encoders, 1);

    private sealed class PlainText : ILineEncoder
    {
        public LineFormat Format => LineFormat.Html;

        public byte[] Encode(ChatMessage message, ChatLanguage language) => Encoding.UTF8.GetBytes(message.Text);

        public byte[] EncodeRemoval(ChatMessage message, ChatLanguage language) => Encoding.UTF8.GetBytes("-" + message.Text);
    }
}
