namespace PushChat.Internal.Chat.Commands;

/// <summary>The talk box's commands, and plain speech.</summary>
internal enum TalkVerb
{
    Say,
    Whisper,
    Action,
    Color,
    Ignore,
    Unignore,
    Join,
    Rooms,
    Topic,
    Who,
    Help,
    Kick,
    Ban,
    BanAddress,
    Unban,
    Mute,
    Unmute,
    LookUpAddress,
    Op,
    Deop,
    Close,
}
