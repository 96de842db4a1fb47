namespace PushChat.Internal.Chat;

/// <summary>Why a decision hook call ended.</summary>
internal enum HookEnd
{
    Completed,
    Failed,
    TimedOut,
    ServerStopping,
}
