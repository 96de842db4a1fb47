namespace PushChat.Internal.Chat.Sockets;

/// <summary>
/// The error codes only the WebSocket protocol gives, beside the commands' <see cref="Commands.RefusalCodes"/>.
/// Like those, they are the protocol's words and never change once shipped.
/// </summary>
internal static class SocketCodes
{
    /// <summary>The first message did not prove a session: wrong credentials, or not a first message at all.</summary>
    public const string Unauthenticated = "unauthenticated";

    /// <summary>The client asked for a protocol version this server does not speak.</summary>
    public const string UnsupportedVersion = "unsupported_version";

    /// <summary>The message's <c>type</c> is not one the protocol knows.</summary>
    public const string UnknownType = "unknown_type";
}
