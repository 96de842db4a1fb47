namespace PushChat.Internal.WebSockets;

/// <summary>A whole message from a client (its fragments joined), or one control frame.</summary>
/// <param name="Opcode">Text or Binary for a message; Close, Ping or Pong for a control frame.</param>
/// <param name="Payload">The message's bytes; for Text, valid UTF-8.</param>
internal readonly record struct WebSocketMessage(WebSocketOpcode Opcode, byte[] Payload);
