using System;
using System.Collections.Generic;
using System.Linq;
using PushChat.Rendering;

namespace PushChat.Internal.Chat.Commands;

/// <summary>The talk frame's action picker: what each action says alone, and toward someone.</summary>
internal static class CannedActions
{
    private static readonly (string Key, string Alone, string Toward)[] All =
    {
        ("wave", "waves", "waves to"),
        ("smile", "smiles", "smiles at"),
        ("hug", "hugs everyone", "hugs"),
        ("laugh", "laughs", "laughs with"),
        ("nod", "nods", "nods to"),
        ("wink", "winks", "winks at"),
        ("bow", "bows", "bows to"),
        ("shrug", "shrugs", "shrugs at"),
        ("cheer", "cheers", "cheers for"),
        ("thank", "thanks everyone", "thanks"),
    };

    /// <summary>The picker's entries: the key, which is also what the user sees.</summary>
    public static readonly IReadOnlyList<TalkChoice> Choices = All.Select(a => new TalkChoice(a.Key, a.Key)).ToArray();

    /// <summary>The action's words, toward <paramref name="target"/> when given; null for an unknown key.</summary>
    public static string? Words(string key, string? target)
    {
        foreach (var action in All)
        {
            if (string.Equals(action.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return target is null ? action.Alone : action.Toward + " " + target;
            }
        }

        return null;
    }
}
