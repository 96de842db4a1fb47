namespace PushChat.Internal.Chat.State;

/// <summary>Why a stream ends, as the JSON streams' <c>bye</c> item names it (see PROTOCOL.md).</summary>
internal static class ByeReasons
{
    public const string Left = "left";
    public const string Kicked = "kicked";
    public const string TimedOut = "timed_out";
    public const string Shutdown = "shutdown";
    public const string Replaced = "replaced";
    public const string Ended = "session_ended";

    /// <summary>This node of a scaled-out chat is leaving while the session stays: the client connects again, to another node, and resumes.</summary>
    public const string Reconnect = "reconnect";

    public static string For(ChatLeaveReason reason) => reason switch
    {
        ChatLeaveReason.Left => Left,
        ChatLeaveReason.Kicked => Kicked,
        ChatLeaveReason.TimedOut => TimedOut,
        ChatLeaveReason.ServerStopped => Shutdown,
        _ => Ended,
    };
}
