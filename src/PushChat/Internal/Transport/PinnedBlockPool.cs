using System;

namespace PushChat.Internal.Transport;

/// <summary>
/// A server's fixed-size blocks into which writes copy what they cannot send from the shared
/// buffers as they are: small bytes coalesced for a TLS stream (one block is at most one TLS
/// record's plaintext) and chunk framing added on the way out. Blocks are pinned and never given
/// back to the garbage collector, so that a busy server's copies neither churn the heap nor make
/// the collector move buffers a send is reading; the pool keeps as many as were ever in use at
/// once, which a reader's bound caps at one per write under way.
/// </summary>
internal sealed class PinnedBlockPool
{
    /// <summary>The size of a block: the largest TLS record's plaintext (RFC 8446 §5.1).</summary>
    public const int BlockSize = 16 * 1024;

    private readonly object _gate = new();
    private byte[][] _free = new byte[16][];
    private int _freeCount;
    private int _created;

    /// <summary>How many blocks the pool ever made (for tests and diagnostics).</summary>
    public int Created
    {
        get
        {
            lock (_gate)
            {
                return _created;
            }
        }
    }

    /// <summary>A block for one write; give it back with <see cref="Return"/> once the write is done.</summary>
    public byte[] Rent()
    {
        lock (_gate)
        {
            if (_freeCount > 0)
            {
                var block = _free[--_freeCount];
                _free[_freeCount] = null!;
                return block;
            }

            _created++;
        }

#if NET
        return GC.AllocateUninitializedArray<byte>(BlockSize, pinned: true);
#else
        return new byte[BlockSize];
#endif
    }

    /// <summary>Takes a block back for the next write.</summary>
    public void Return(byte[] block)
    {
        lock (_gate)
        {
            if (_freeCount == _free.Length)
            {
                Array.Resize(ref _free, _free.Length * 2);
            }

            _free[_freeCount++] = block;
        }
    }
}
