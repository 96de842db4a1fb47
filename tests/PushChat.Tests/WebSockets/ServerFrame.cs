using System.Buffers.Binary;
using System.Text;
using PushChat.Internal.WebSockets;

namespace PushChat.Tests.WebSockets;

/// <summary>One frame from the server, as it came on the wire.</summary>
internal sealed record ServerFrame(bool Fin, int Rsv, WebSocketOpcode Opcode, byte[] Payload)
{
    public string Text => Encoding.UTF8.GetString(Payload);

    /// <summary>The code of a close frame; 1005 when it carries none.</summary>
    public int CloseCode => Payload.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(Payload) : 1005;
}
