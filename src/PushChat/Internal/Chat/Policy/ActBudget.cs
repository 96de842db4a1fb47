using System;

namespace PushChat.Internal.Chat.Policy;

/// <summary>How often an act may be done within <paramref name="Window"/>: by one session, and by all sessions of one client address together.</summary>
internal sealed record ActBudget(int PerSession, int PerAddress, TimeSpan Window);
