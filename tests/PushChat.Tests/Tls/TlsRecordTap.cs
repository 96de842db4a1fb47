namespace PushChat.Tests.Tls;

/// <summary>
/// Passes a stream through and keeps the content type of every TLS record read from it. Under
/// TLS 1.2 a record's type is in clear (RFC 5246 §6.2.1): 21 is an alert, such as close_notify.
/// </summary>
internal sealed class TlsRecordTap(Stream inner) : Stream
{
    private readonly List<byte> _pending = new();

    public List<byte> RecordTypes { get; } = new();

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Record(buffer.Span[..read]);
        return read;
    }

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        await ReadAsync(buffer.AsMemory(offset, count), cancellationToken);

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, count);
        Record(buffer.AsSpan(offset, read));
        return read;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    // A record is a type byte, two version bytes, a two-byte length and that many bytes.
    private void Record(ReadOnlySpan<byte> bytes)
    {
        _pending.AddRange(bytes.ToArray());
        while (_pending.Count >= 5)
        {
            var length = 5 + ((_pending[3] << 8) | _pending[4]);
            if (_pending.Count < length)
            {
                return;
            }

            RecordTypes.Add(_pending[0]);
            _pending.RemoveRange(0, length);
        }
    }
}
