using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Windows.Forms;

namespace PushChat.WinFormsHost;

/// <summary>
/// The users in the chat, one row each: name, room, role, address, idle time. Rows are updated in
/// place, so the selection survives the refresh every second.
/// </summary>
internal sealed class OnlineListView : ListView
{
    public OnlineListView()
    {
        View = View.Details;
        FullRowSelect = true;
        MultiSelect = false;
        HideSelection = false;
        Columns.Add("Name", 110);
        Columns.Add("Room", 80);
        Columns.Add("Role", 70);
        Columns.Add("Address", 90);
        Columns.Add("Idle", 50, HorizontalAlignment.Right);
    }

    /// <summary>The selected user's name, or <see langword="null"/>.</summary>
    public string? SelectedName => SelectedItems.Count == 1 ? SelectedItems[0].Name : null;

    /// <summary>The names shown, in order.</summary>
    public IEnumerable<string> Names => Items.Cast<ListViewItem>().Select(item => item.Name);

    /// <summary>
    /// Shows the users who have the chat open; address and idle time come from their sessions
    /// (a session without an open chat is not online yet).
    /// </summary>
    /// <returns>Whether a name came or went.</returns>
    public bool Show(IReadOnlyList<ChatUserInfo> online, IReadOnlyList<ChatSessionInfo> sessions, DateTimeOffset now)
    {
        var sessionsByName = new Dictionary<string, ChatSessionInfo>(StringComparer.Ordinal);
        foreach (var session in sessions)
        {
            sessionsByName[session.Name] = session;
        }

        var wanted = online.OrderBy(user => user.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var namesChanged = !wanted.Select(user => user.Name).SequenceEqual(Names, StringComparer.Ordinal);
        BeginUpdate();
        try
        {
            if (namesChanged)
            {
                var selected = SelectedName;
                Items.Clear();
                foreach (var user in wanted)
                {
                    var item = new ListViewItem(new[] { user.Name, string.Empty, string.Empty, string.Empty, string.Empty }) { Name = user.Name };
                    Items.Add(item);
                    item.Selected = user.Name == selected;
                }
            }

            for (var i = 0; i < wanted.Count; i++)
            {
                var user = wanted[i];
                sessionsByName.TryGetValue(user.Name, out var session);
                var idle = session?.IdleTime ?? now - user.LastSeen;
                SetCell(Items[i], 1, user.Room);
                SetCell(Items[i], 2, (session?.Role ?? user.Role).ToString());
                SetCell(Items[i], 3, session?.RemoteAddress.ToString() ?? string.Empty);
                SetCell(Items[i], 4, FormatIdle(idle));
            }
        }
        finally
        {
            EndUpdate();
        }

        return namesChanged;
    }

    private static void SetCell(ListViewItem item, int column, string text)
    {
        // Setting the same text repaints the row; skipping it keeps the list from flickering.
        if (item.SubItems[column].Text != text)
        {
            item.SubItems[column].Text = text;
        }
    }

    private static string FormatIdle(TimeSpan idle)
    {
        if (idle < TimeSpan.Zero)
        {
            idle = TimeSpan.Zero;
        }

        return idle.TotalHours >= 1
            ? string.Format(CultureInfo.InvariantCulture, "{0}:{1:00}:{2:00}", (long)idle.TotalHours, idle.Minutes, idle.Seconds)
            : idle.ToString(@"m\:ss", CultureInfo.InvariantCulture);
    }
}
