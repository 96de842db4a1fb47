using System;
using System.Collections.Generic;
using PushChat.Localization;
using PushChat.Localization.Keys;

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
    public LocalText Take()
    {
        var joined = Sentence(_joined, NoticeTexts.FoldedJoined, NoticeTexts.FoldedJoinedOthers);
        var left = Sentence(_left, NoticeTexts.FoldedLeft, NoticeTexts.FoldedLeftOthers);
        _joined.Clear();
        _left.Clear();
        return joined is null ? left! : left is null ? joined : LocalText.Of(NoticeTexts.FoldedBoth, ("joined", joined), ("left", left));
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

    /// <summary>"Ann, Ben and Cid joined.", or past a few names "Ann, Ben and 37 others joined."; null when nobody did.</summary>
    private static LocalText? Sentence(List<string> names, string key, string othersKey)
    {
        if (names.Count == 0)
        {
            return null;
        }

        if (names.Count <= NamesShown + 1)
        {
            var listed = names.Count == 1 ? names[0] : (object)LocalText.Of(NoticeTexts.ListLast, ("names", List(names, names.Count - 1)), ("name", names[names.Count - 1]));
            return LocalText.Of(key, ("names", listed));
        }

        return LocalText.Of(othersKey, ("names", List(names, NamesShown)), ("count", names.Count - NamesShown));
    }

    /// <summary>The first <paramref name="count"/> names (one at least) as a list, each language with its own separator.</summary>
    private static object List(List<string> names, int count)
    {
        object list = names[0];
        for (var i = 1; i < count; i++)
        {
            list = LocalText.Of(NoticeTexts.ListNext, ("names", list), ("name", names[i]));
        }

        return list;
    }
}
