using System;

namespace PushChat.Internal.Transport;

/// <summary>
/// The pieces of one write, as its sender sends them: the shared buffers of pushed items as they
/// are, and at most one block of the server's <see cref="PinnedBlockPool"/> for what must be
/// copied (chunk framing added on the way out; on a stream, small bytes coalesced). It exists so
/// that no write copies a line every reader shares, and so that a write costs no allocation: a
/// connection keeps one for life and reuses it for every write. Filled under its queue's lock,
/// sent outside it, cleared when the send is done.
/// </summary>
internal sealed class WritePieces
{
    /// <summary>
    /// The most pieces one write gathers: a socket sends up to eight buffers from the stack,
    /// more would cost it arrays on every send.
    /// </summary>
    public const int MaxPieces = 8;

    private readonly ReadOnlyMemory<byte>[] _pieces = new ReadOnlyMemory<byte>[MaxPieces];
    private readonly PinnedBlockPool _blocks;
    private readonly bool _gather;
    private byte[]? _block;
    private int _blockUsed;
    private int _blockPiece = -1;
    private int _blockPieceStart;

    /// <param name="blocks">Where copies go.</param>
    /// <param name="gather">
    /// True for a socket, which sends every piece in one call: then shared bytes go as they are,
    /// but for a lagging reader's many, beyond the pieces, which are coalesced into the block.
    /// False for a stream (TLS), where each piece is one write and one record: then small bytes
    /// are coalesced into the block and only bytes that do not fit it go as they are.
    /// </param>
    public WritePieces(PinnedBlockPool blocks, bool gather)
    {
        _blocks = blocks;
        _gather = gather;
    }

    /// <summary>How many pieces the write has.</summary>
    public int Count { get; private set; }

    /// <summary>The bytes the write sends.</summary>
    public int Bytes { get; private set; }

    /// <summary>Whether nothing was added yet.</summary>
    public bool IsEmpty => Bytes == 0;

    /// <summary>The pieces, in order.</summary>
    public ReadOnlySpan<ReadOnlyMemory<byte>> Pieces => new(_pieces, 0, Count);

    /// <summary>The piece at <paramref name="index"/>.</summary>
    public ReadOnlyMemory<byte> this[int index] => _pieces[index];

    /// <summary>
    /// Adds bytes that go on the wire as they are; false, adding nothing, when they do not fit in
    /// this write (<see cref="WriteAssembly.WriteCap"/>, the pieces are used up, or on a stream the
    /// block is full). An empty write takes anything.
    /// </summary>
    public bool TryAddRaw(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return true;
        }

        if (!IsEmpty && Bytes + bytes.Length > WriteAssembly.WriteCap)
        {
            return false;
        }

        // A socket takes shared bytes as they are while pieces are left but one; the last is the
        // block, into which a lagging reader's further lines are copied, so that one system call
        // still carries a block's worth of them. A stream copies whatever fits the block.
        if (_gather && Count < MaxPieces - 1)
        {
            Add(bytes);
            return true;
        }

        if (TryCopy(bytes.Span))
        {
            return true;
        }

        // A stream writes each piece on its own: once the block is full, small bytes wait for the
        // next write instead of costing a write (and a TLS record) each.
        if (Count == MaxPieces || (!_gather && !IsEmpty && bytes.Length < PinnedBlockPool.BlockSize))
        {
            return false;
        }

        Add(bytes);
        return true;
    }

    /// <summary>
    /// Adds the chunked segments from <paramref name="start"/> up to <paramref name="end"/>, as
    /// many as fit, framed as one chunk: copied into the block when they fit it, else (a single
    /// large one) its header copied and its payload as it is. Returns how many were taken; an
    /// empty write takes at least one.
    /// </summary>
    public int TakeChunkRun(OutboundSegment[] segments, int start, int end)
    {
        if (segments[start].Data.IsEmpty)
        {
            // Nothing to send, and a chunk of size zero would end the body.
            return 1;
        }

        var room = Math.Min(CanCopy ? BlockRoom : 0, IsEmpty ? int.MaxValue : WriteAssembly.WriteCap - Bytes);
        var payloadBytes = 0;
        var stop = start;
        while (stop < end && ChunkFraming.FramedLength(payloadBytes + segments[stop].Data.Length) <= room)
        {
            payloadBytes += segments[stop].Data.Length;
            stop++;
        }

        if (stop > start)
        {
            if (payloadBytes > 0)
            {
                Span<byte> header = stackalloc byte[ChunkFraming.MaxBytes];
                CopyToBlock(header.Slice(0, ChunkFraming.WriteHeader(payloadBytes, header)));
                for (var i = start; i < stop; i++)
                {
                    CopyToBlock(segments[i].Data.Span);
                }

                CopyToBlock(ChunkFraming.CrLf);
            }

            return stop - start;
        }

        // One too large to copy: its header in the block, its payload and the line end as they are.
        var payload = segments[start].Data;
        var needed = (CanExtendBlock ? 0 : 1) + 2;
        if (!IsEmpty && (Count + needed > MaxPieces || BlockRoom < ChunkFraming.MaxBytes || Bytes + ChunkFraming.FramedLength(payload.Length) > WriteAssembly.WriteCap))
        {
            return 0;
        }

        Span<byte> head = stackalloc byte[ChunkFraming.MaxBytes];
        CopyToBlock(head.Slice(0, ChunkFraming.WriteHeader(payload.Length, head)));
        Add(payload);
        Add(ChunkFraming.CrLf);
        return 1;
    }

    /// <summary>Forgets the pieces and gives the block back, once the write is done or dropped.</summary>
    public void Clear()
    {
        Array.Clear(_pieces, 0, Count);
        Count = 0;
        Bytes = 0;
        _blockPiece = -1;
        _blockUsed = 0;
        if (_block is not null)
        {
            _blocks.Return(_block);
            _block = null;
        }
    }

    private int BlockRoom => PinnedBlockPool.BlockSize - _blockUsed;

    /// <summary>Whether a copy now extends the block's last piece.</summary>
    private bool CanExtendBlock => _blockPiece >= 0 && _blockPiece == Count - 1;

    /// <summary>Whether a copy now has a piece for it.</summary>
    private bool CanCopy => CanExtendBlock || Count < MaxPieces;

    private void Add(ReadOnlyMemory<byte> bytes)
    {
        _pieces[Count++] = bytes;
        Bytes += bytes.Length;
    }

    /// <summary>Copies bytes into the block when they fit and a piece is left for them.</summary>
    private bool TryCopy(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > BlockRoom || !CanCopy)
        {
            return false;
        }

        CopyToBlock(bytes);
        return true;
    }

    /// <summary>
    /// Appends to the block, whose bytes are one piece: the piece grows while nothing else was
    /// added after it; otherwise the copy starts a new piece in the same block.
    /// </summary>
    private void CopyToBlock(ReadOnlySpan<byte> bytes)
    {
        _block ??= _blocks.Rent();
        var start = _blockUsed;
        bytes.CopyTo(_block.AsSpan(start));
        _blockUsed += bytes.Length;
        Bytes += bytes.Length;
        if (CanExtendBlock)
        {
            _pieces[_blockPiece] = new ReadOnlyMemory<byte>(_block, _blockPieceStart, _blockUsed - _blockPieceStart);
            return;
        }

        _blockPiece = Count;
        _blockPieceStart = start;
        _pieces[Count++] = new ReadOnlyMemory<byte>(_block, start, bytes.Length);
    }
}
