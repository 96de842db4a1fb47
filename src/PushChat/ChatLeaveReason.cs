namespace PushChat;

/// <summary>Why a user left.</summary>
public enum ChatLeaveReason
{
    /// <summary>The user pressed Leave.</summary>
    Left = 0,

    /// <summary>The user's chat stream closed (browser closed, Stop pressed) and did not come back within the grace period.</summary>
    Disconnected = 1,

    /// <summary>The session showed no sign of life for longer than the idle timeout.</summary>
    TimedOut = 2,

    /// <summary>The server stopped.</summary>
    ServerStopped = 3,

    /// <summary>An admin, the room's owner or the host put the user out (a kick, or a ban that hit the user's name or address).</summary>
    Kicked = 4,
}
