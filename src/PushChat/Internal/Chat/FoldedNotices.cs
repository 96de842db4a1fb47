using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace PushChat.Internal.Chat;

/// <summary>
/// The join and leave notices of a crowded room, held back and told in one line a second.
/// Changed only under the chat state's lock.
/// </summary>
internal sealed class FoldedNotices
{
    private const int NamesShown = 2;

    private readonly List<string> _joined = new();
    private readonly List<string> _left = new();

    public bool IsEmpty => _joined.Count == 0 && _left.Count == 0;

    public void Joined(string name) => _joined.Add(name);

    public void Left(string name) => _left.Add(name);

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
