using System.Text;
using PushChat.Internal.Transport;

namespace PushChat.Tests.Transport;

/// <summary>How a write gathers its bytes: shared buffers as they are, framing and a lagging reader's surplus copied into one pinned block.</summary>
[TestClass]
public sealed class WritePiecesTests
{
    [TestMethod]
    public void A_pushed_line_is_framed_once_and_its_payload_is_the_same_bytes()
    {
        var framed = ChunkFraming.Frame(Bytes("<p>hello</p>\n"));

        Assert.AreEqual("d\r\n<p>hello</p>\n\r\n", Encoding.ASCII.GetString(framed));
        Assert.AreEqual("<p>hello</p>\n", Encoding.ASCII.GetString(ChunkFraming.Payload(framed).Span));
        Assert.AreEqual(0, ChunkFraming.Frame(ReadOnlySpan<byte>.Empty).Length, "an empty chunk would end the body");
    }

    [TestMethod]
    public void On_a_socket_shared_lines_go_as_they_are_and_nothing_is_copied()
    {
        var blocks = new PinnedBlockPool();
        var pieces = new WritePieces(blocks, gather: true);
        var lines = Enumerable.Range(0, 5).Select(i => ChunkFraming.Frame(Bytes($"line {i}\n"))).ToArray();

        foreach (var line in lines)
        {
            Assert.IsTrue(pieces.TryAddRaw(line));
        }

        Assert.AreEqual(5, pieces.Count);
        for (var i = 0; i < lines.Length; i++)
        {
            Assert.IsTrue(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(pieces[i], out var segment));
            Assert.AreSame(lines[i], segment.Array, $"line {i} was copied");
        }

        Assert.AreEqual(0, blocks.Created, "no block was needed");
    }

    [TestMethod]
    public void On_a_socket_a_lagging_reader_s_lines_beyond_the_pieces_are_coalesced_into_one_block()
    {
        var blocks = new PinnedBlockPool();
        var pieces = new WritePieces(blocks, gather: true);
        var line = ChunkFraming.Frame(Bytes(new string('x', 100)));

        var taken = 0;
        while (pieces.TryAddRaw(line))
        {
            taken++;
        }

        Assert.AreEqual(WritePieces.MaxPieces, pieces.Count);
        Assert.AreEqual(WritePieces.MaxPieces - 1 + (PinnedBlockPool.BlockSize / line.Length), taken, "seven shared lines, then as many as the block holds");
        Assert.AreEqual(taken * line.Length, pieces.Bytes);
        Assert.AreEqual(1, blocks.Created);
        pieces.Clear();
        Assert.IsTrue(pieces.TryAddRaw(line) && pieces.TryAddRaw(line));
        pieces.Clear();
        Assert.AreEqual(1, blocks.Created, "the block went back to the pool and is used again");
    }

    [TestMethod]
    public void Adjacent_unframed_chunks_go_as_one_chunk_and_an_empty_one_is_never_framed()
    {
        var pieces = new WritePieces(new PinnedBlockPool(), gather: true);
        var segments = new[]
        {
            new OutboundSegment(ReadOnlyMemory<byte>.Empty, chunked: true),
            new OutboundSegment(Bytes("ab"), chunked: true),
            new OutboundSegment(Bytes("cde"), chunked: true),
        };

        Assert.AreEqual(1, pieces.TakeChunkRun(segments, 0, 3), "the empty one is skipped alone");
        Assert.IsTrue(pieces.IsEmpty, "an empty chunk would end the body");
        Assert.AreEqual(2, pieces.TakeChunkRun(segments, 1, 3));
        Assert.AreEqual("5\r\nabcde\r\n", Text(pieces));
    }

    [TestMethod]
    public void A_chunk_larger_than_a_block_sends_its_payload_as_it_is()
    {
        var pieces = new WritePieces(new PinnedBlockPool(), gather: false);
        var payload = Bytes(new string('y', PinnedBlockPool.BlockSize + 10));
        var segments = new[] { new OutboundSegment(payload, chunked: true) };

        Assert.AreEqual(1, pieces.TakeChunkRun(segments, 0, 1));

        Assert.AreEqual(3, pieces.Count, "header, payload, line end");
        Assert.IsTrue(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(pieces[1], out var segment));
        Assert.AreSame(payload, segment.Array);
        Assert.AreEqual($"{payload.Length:x}\r\n{new string('y', payload.Length)}\r\n", Text(pieces));
    }

    [TestMethod]
    public void On_a_stream_small_bytes_are_coalesced_into_one_block_so_one_write_is_one_tls_record()
    {
        var pieces = new WritePieces(new PinnedBlockPool(), gather: false);

        for (var i = 0; i < 20; i++)
        {
            Assert.IsTrue(pieces.TryAddRaw(ChunkFraming.Frame(Bytes($"line {i}\n"))));
        }

        Assert.AreEqual(1, pieces.Count);
        Assert.AreEqual(string.Concat(Enumerable.Range(0, 20).Select(i => $"{$"line {i}\n".Length:x}\r\nline {i}\n\r\n")), Text(pieces));
    }

    [TestMethod]
    public void On_a_stream_a_full_block_ends_the_write_instead_of_a_write_per_small_line()
    {
        var pieces = new WritePieces(new PinnedBlockPool(), gather: false);
        var line = ChunkFraming.Frame(Bytes(new string('x', 200) + "\n"));
        var taken = 0;

        while (pieces.TryAddRaw(line))
        {
            taken++;
        }

        Assert.AreEqual(1, pieces.Count, "one block, one write, one TLS record");
        Assert.AreEqual(PinnedBlockPool.BlockSize / line.Length, taken, "as many as the block holds; the rest waits for the next write");
        var empty = new WritePieces(new PinnedBlockPool(), gather: false);
        Assert.IsTrue(empty.TryAddRaw(new byte[PinnedBlockPool.BlockSize + 1]), "an empty write takes anything");
    }

    private static string Text(WritePieces pieces) => string.Concat(Enumerable.Range(0, pieces.Count).Select(i => Encoding.ASCII.GetString(pieces[i].Span)));

    private static byte[] Bytes(string text) => Encoding.ASCII.GetBytes(text);
}
