namespace PushChat.LoadClient.Streams;

/// <summary>
/// Sends bytes back on a reader's connection from its read loop: a WebSocket client must answer
/// the server's pings and closes, or the server counts it silent and closes it.
/// </summary>
internal interface IReplySender
{
    void Send(ReadOnlySpan<byte> bytes);
}
