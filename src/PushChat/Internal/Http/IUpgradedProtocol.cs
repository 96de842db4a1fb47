using System;
using System.Buffers;

namespace PushChat.Internal.Http;

/// <summary>
/// A protocol that takes a connection over after an HTTP upgrade (RFC 9110 §7.8), such as
/// WebSocket: it gets every byte the client sends from then on and writes through the
/// connection's outbound queue, with the same bound and the same writer.
/// </summary>
internal interface IUpgradedProtocol
{
    /// <summary>Reads what has arrived; returns how far it consumed (the rest is offered again with more bytes).</summary>
    SequencePosition OnReceived(in ReadOnlySequence<byte> buffer);

    /// <summary>The connection closed, whoever closed it.</summary>
    void OnClosed();
}
