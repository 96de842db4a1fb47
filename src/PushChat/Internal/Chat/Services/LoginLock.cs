using System;

namespace PushChat.Internal.Chat.Services;

/// <summary>
/// A name's lock as a failed login finds it: how long it still holds, and, when this failure
/// started it (<see cref="IsNew"/>), after how many failures and the how-manieth in a row.
/// </summary>
internal readonly record struct LoginLock(TimeSpan Remaining, bool IsNew, int Failures, int Count);
