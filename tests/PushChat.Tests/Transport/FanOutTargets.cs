using System.Collections.Concurrent;
using System.Text;
using PushChat.Internal.Transport;

namespace PushChat.Tests.Transport;

/// <summary>A reader that holds the dispatcher inside its delivery until released.</summary>
internal sealed class BlockingTarget : IFanOutTarget, IDisposable
{
    private readonly ManualResetEventSlim _release = new();

    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _release.Set();

    public void Deliver(ReadOnlySpan<ReadOnlyMemory<byte>> lines, long now, WriteStarts starts)
    {
        Entered.TrySetResult();
        _release.Wait(TimeSpan.FromSeconds(30));
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

    public void Deliver(ReadOnlySpan<ReadOnlyMemory<byte>> lines, long now, WriteStarts starts)
    {
        var texts = new string[lines.Length];
        for (var i = 0; i < lines.Length; i++)
        {
            texts[i] = Encoding.UTF8.GetString(lines[i].Span);
        }

        Deliveries.Enqueue(texts);
        _delivered.Release();
    }

    public async Task WaitForLinesAsync(int count)
    {
        while (Deliveries.Sum(d => d.Length) < count)
        {
            await _delivered.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }
}
