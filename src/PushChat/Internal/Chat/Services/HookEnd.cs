namespace PushChat.Internal.Chat.Services;

/// <summary>Why a decision hook call ended.</summary>
internal enum HookEnd
{
    Completed,
    Failed,
    TimedOut,
    ServerStopping,
}
