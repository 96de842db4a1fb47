using System;
using System.Collections.Generic;
using System.Linq;
using PushChat.Internal.Chat.State;
using PushChat.Users;

namespace PushChat.Internal.Names;

/// <summary>
/// The host's reserved names (<see cref="ChatServerOptions.ReservedNames"/>), matched as
/// <see cref="UserNames.LookAlike"/> matches: in any case, or by skeleton.
/// </summary>
internal sealed class ReservedNames
{
    private readonly HashSet<string> _names;
    private readonly HashSet<string> _skeletons;

    public ReservedNames(IEnumerable<string> names)
    {
        var list = names.Select(UserNameRules.Normalize).ToArray();
        _names = new HashSet<string>(list, StringComparer.OrdinalIgnoreCase);
        _skeletons = new HashSet<string>(list.Select(UserNames.Skeleton), StringComparer.Ordinal);
    }

    /// <summary>Whether the name, already normalized, is reserved.</summary>
    public bool Contains(string name) => _names.Contains(name) || _skeletons.Contains(UserNames.Skeleton(name));
}
