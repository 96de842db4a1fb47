namespace PushChat.Internal.Transport;

/// <summary>
/// Where a connection is in its life. Only the first phase reads requests; the others decide what
/// becomes of what the client still sends, and whether an answer may still be queued.
/// </summary>
internal enum ConnectionPhase
{
    /// <summary>Reading requests and answering them one by one.</summary>
    Requests,

    /// <summary>A push response is open; the client is expected to send nothing more.</summary>
    Streaming,

    /// <summary>Another protocol took the connection over after a 101.</summary>
    Upgraded,

    /// <summary>The last bytes are queued; nothing more is answered.</summary>
    Closing,
}
