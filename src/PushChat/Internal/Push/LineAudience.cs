using System;
using System.Collections.Generic;

namespace PushChat.Internal.Push;

/// <summary>
/// Who may see a line: everyone in its room, or only the given sessions (a whisper, shown to both
/// ends). Either way a reader who ignores the sender does not get it; fan-out and history replay
/// both ask <see cref="Includes"/>.
/// </summary>
internal sealed class LineAudience
{
    public static readonly LineAudience Room = new(null);

    private readonly HashSet<string>? _sessionIds;

    private LineAudience(HashSet<string>? sessionIds) => _sessionIds = sessionIds;

    /// <summary>The sessions a whisper is shown to; null for the whole room. Read when a change travels to another node.</summary>
    internal IReadOnlyCollection<string>? SessionIds => _sessionIds;

    public static LineAudience Sessions(params string[] sessionIds) => new(new HashSet<string>(sessionIds, StringComparer.Ordinal));

    public bool Includes(IPushReader reader, string? sender, long stamp) =>
        (_sessionIds is null || _sessionIds.Contains(reader.SessionId))
        && (sender is null || !reader.Ignores(sender, stamp));
}
