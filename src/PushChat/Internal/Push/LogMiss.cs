namespace PushChat.Internal.Push;

/// <summary>
/// Items of one log a resuming reader can no longer have: <see cref="Count"/> fell out of the log
/// after its position, or, when <see cref="Reset"/>, the position was from another life of the
/// log and how many is unknown (-1).
/// </summary>
internal readonly record struct LogMiss(bool InMailbox, long Count, bool Reset);
