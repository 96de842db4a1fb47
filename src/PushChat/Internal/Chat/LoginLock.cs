using System;

namespace PushChat.Internal.Chat;

/// <summary>A lock a failed login started: how long, after how many failures, and the how-manieth in a row.</summary>
internal readonly record struct LoginLock(TimeSpan Length, int Failures, int Count);
