using System.Collections.Concurrent;
using System.Text;

namespace PushChat.Tests.Transport;

/// <summary>
/// A write-only stream that records each write, the thread it ran on, and can hold a write
/// pending until released, as a socket whose send buffer is full does.
/// </summary>
internal sealed class RecordingStream : Stream
{
    private readonly ConcurrentQueue<TaskCompletionSource> _holds = new();
    private readonly SemaphoreSlim _written = new(0);

    public ConcurrentQueue<(string Text, bool OnThreadPool, int ThreadId)> Writes { get; } = new();

    /// <summary>Called after each write is recorded, with its text, on the writing thread.</summary>
    public Action<string>? AfterWrite { get; set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Makes the next write stay pending until the returned source completes.</summary>
    public TaskCompletionSource HoldNextWrite()
    {
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _holds.Enqueue(hold);
        return hold;
    }

    /// <summary>Waits until <paramref name="count"/> writes in all were recorded.</summary>
    public async Task WaitForWritesAsync(int count)
    {
        while (Writes.Count < count)
        {
            await _written.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var text = Encoding.UTF8.GetString(buffer.Span);
        Writes.Enqueue((text, Thread.CurrentThread.IsThreadPoolThread, Environment.CurrentManagedThreadId));
        _written.Release();
        AfterWrite?.Invoke(text);
        return _holds.TryDequeue(out var hold) ? new ValueTask(hold.Task) : ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Writes are asynchronous.");

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _written.Dispose();
        }

        base.Dispose(disposing);
    }
}
