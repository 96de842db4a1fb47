using System.Collections.Generic;

namespace PushChat.Internal.Chat.Changes;

/// <summary>
/// On <paramref name="Node"/>, the sessions of <paramref name="Opened"/> have a stream open now
/// where they had none (present, and announced to their room the first time), and the last
/// stream of each session of <paramref name="Closed"/> closed (when no node has one, the session's
/// grace period starts). One change for every session whose streams changed since the node's last
/// report, so a crowd that logs in at once costs a node few changes.
/// </summary>
internal sealed record StreamsChanged(string Node, IReadOnlyList<string> Opened, IReadOnlyList<string> Closed) : ChatChange;
