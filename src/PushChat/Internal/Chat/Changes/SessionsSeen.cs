using System.Collections.Generic;

namespace PushChat.Internal.Chat.Changes;

/// <summary>Sessions a node saw signs of life from lately (pages, names frames): they are not idle as of the change's time.</summary>
internal sealed record SessionsSeen(string Node, IReadOnlyList<string> SessionIds) : ChatChange;
