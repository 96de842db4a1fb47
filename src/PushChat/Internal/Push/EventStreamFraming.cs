using System;
using System.Text;

namespace PushChat.Internal.Push;

/// <summary>
/// Server-Sent Events framing (HTML Living Standard §9.2): an event's name and data lines. The
/// event's id and the blank line that ends it are written per reader (see <see cref="EventStreamItems"/>).
/// A line break in the data starts another <c>data:</c> line, so nothing can end the event early
/// or add a field; the chat's JSON is one line anyway.
/// </summary>
internal static class EventStreamFraming
{
    private static readonly byte[] EventField = "event: "u8.ToArray();
    private static readonly byte[] DataField = "data: "u8.ToArray();

    /// <summary><c>event: name</c> and the data's lines, each ended by a line feed; the blank line is not included.</summary>
    public static byte[] Event(string name, ReadOnlySpan<byte> data)
    {
        var nameBytes = Encoding.ASCII.GetBytes(name);
        var lines = 1;
        foreach (var b in data)
        {
            if (b is (byte)'\r' or (byte)'\n')
            {
                lines++;
            }
        }

        var buffer = new byte[EventField.Length + nameBytes.Length + 1 + (lines * (DataField.Length + 1)) + data.Length];
        var at = 0;
        Append(buffer, ref at, EventField);
        Append(buffer, ref at, nameBytes);
        buffer[at++] = (byte)'\n';
        Append(buffer, ref at, DataField);
        for (var i = 0; i < data.Length; i++)
        {
            var b = data[i];
            if (b is (byte)'\r' or (byte)'\n')
            {
                // CR, LF and CRLF each end a line (§9.2.6): one data line per piece.
                if (b == (byte)'\r' && i + 1 < data.Length && data[i + 1] == (byte)'\n')
                {
                    i++;
                }

                buffer[at++] = (byte)'\n';
                Append(buffer, ref at, DataField);
                continue;
            }

            buffer[at++] = b;
        }

        buffer[at++] = (byte)'\n';
        return buffer.AsSpan(0, at).ToArray();
    }

    private static void Append(byte[] buffer, ref int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(buffer.AsSpan(at));
        at += bytes.Length;
    }
}
