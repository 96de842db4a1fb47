using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace PushChat.Internal.Chat.State;

/// <summary>
/// The join and leave notices of a crowded room, held back and told in one line a second.
/// Changed only under the chat state's lock. A notice told at once in the same room first tells
/// what is held, so that no user's join arrives after their leave.
/// </summary>
internal sealed class FoldedNotices
{
    private const int NamesShown = 2;

    private readonly List<string> _joined = new();
    private readonly List<string> _left = new();

    public bool IsEmpty => _joined.Count == 0 && _left.Count == 0;

    /// <summary>Holds a join; one that follows the same user's held leave cancels it: they are still here.</summary>
    public void Joined(string name)
    {
        if (!Cancel(_left, name))
        {
            _joined.Add(name);
        }
    }

    /// <summary>Holds a leave; one that follows the same user's held join cancels it: nobody saw them here.</summary>
    public void Left(string name)
    {
        if (!Cancel(_joined, name))
        {
            _left.Add(name);
        }
    }

    /// <summary>The line that tells everything held back ("Ann, Ben and 37 others joined. Cid left."), and forgets it.</summary>
    public string Take()
    {
        var text = new StringBuilder();
        Append(text, _joined, "joined.");
        Append(text, _left, "left.");
        _joined.Clear();
        _left.Clear();
        return text.ToString();
    }

    // The line says who joined before who left; a user held in both would be told in the wrong
    // order half the time, so the second notice takes the first back instead.
    private static bool Cancel(List<string> names, string name)
    {
        var index = names.FindIndex(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
        {
            return false;
        }

        names.RemoveAt(index);
        return true;
    }

    private static void Append(StringBuilder text, List<string> names, string verb)
    {
        if (names.Count == 0)
        {
            return;
        }

        if (text.Length > 0)
        {
            text.Append(' ');
        }

        if (names.Count <= NamesShown + 1)
        {
            for (var i = 0; i < names.Count; i++)
            {
                text.Append(i == 0 ? string.Empty : i == names.Count - 1 ? " and " : ", ").Append(names[i]);
            }
        }
        else
        {
            text.Append(string.Join(", ", names.GetRange(0, NamesShown)))
                .Append(" and ").Append((names.Count - NamesShown).ToString("N0", CultureInfo.InvariantCulture)).Append(" others");
        }

        text.Append(' ').Append(verb);
    }
}
