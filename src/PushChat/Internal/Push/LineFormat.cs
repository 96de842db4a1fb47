namespace PushChat.Internal.Push;

/// <summary>How a transport carries lines to its readers; each line is encoded once per format.</summary>
internal enum LineFormat
{
    /// <summary>An HTML fragment appended to the never-ending chat frame.</summary>
    Html = 0,

    /// <summary>A Server-Sent Event whose data is the item's JSON (see PROTOCOL.md).</summary>
    EventStream = 1,

    /// <summary>A WebSocket text frame holding the item's JSON (see PROTOCOL.md).</summary>
    WebSocket = 2,
}
