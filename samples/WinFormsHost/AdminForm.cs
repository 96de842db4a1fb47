using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Drawing;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Windows.Forms;

namespace PushChat.WinFormsHost;

/// <summary>
/// A desktop admin window embedding the chat: start/stop, open in a browser, who is online with
/// room, role, address and idle time, the message log, kick/ban/mute, broadcast, and a status bar.
/// </summary>
internal sealed class AdminForm : Form
{
    private const int MaxLogLines = 1000;

    private static readonly string[] DurationNames = { "5 minutes", "1 hour", "1 day", "7 days" };
    private static readonly TimeSpan[] Durations = { TimeSpan.FromMinutes(5), TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(7) };

    private readonly HostArguments _arguments;
    private readonly AutomationChannel _automation;
    private readonly ConnectionMeter _connections = new();
    private readonly Stopwatch _sinceTick = Stopwatch.StartNew();
    private readonly System.Windows.Forms.Timer _tick = new() { Interval = 1000 };

    private readonly NumericUpDown _port = new() { Minimum = 0, Maximum = 65535, Width = 80, Anchor = AnchorStyles.Left };
    private readonly Button _startStop = new() { Text = "Start", AutoSize = true };
    private readonly Button _open = new() { Text = "Open in browser", AutoSize = true, Enabled = false };
    private readonly Label _address = new() { Text = "(stopped)", AutoSize = true, Anchor = AnchorStyles.Left };
    private readonly SplitContainer _split = new() { Dock = DockStyle.Fill };
    private readonly OnlineListView _online = new() { Dock = DockStyle.Fill };
    private readonly ListBox _log = new() { Dock = DockStyle.Fill, IntegralHeight = false, HorizontalScrollbar = true };
    private readonly TextBox _reason = new() { Dock = DockStyle.Fill };
    private readonly ComboBox _duration = new() { DropDownStyle = ComboBoxStyle.DropDownList, Width = 100, Anchor = AnchorStyles.Left };
    private readonly Button _kick = new() { Text = "Kick", AutoSize = true };
    private readonly Button _mute = new() { Text = "Mute", AutoSize = true };
    private readonly Button _ban = new() { Text = "Ban", AutoSize = true };
    private readonly TextBox _notice = new() { Dock = DockStyle.Fill };
    private readonly Button _broadcast = new() { Text = "Broadcast", AutoSize = true };
    private readonly ToolStripStatusLabel _state = new() { Text = "Stopped", Spring = true, TextAlign = ContentAlignment.MiddleLeft };
    private readonly ToolStripStatusLabel _connectionCount = new();
    private readonly ToolStripStatusLabel _sessionCount = new();
    private readonly ToolStripStatusLabel _lineRate = new();

    private ChatServer? _server;
    private long _linesSinceTick;
    private bool _busy;
    private bool _closeWhenStopped;

    public AdminForm(HostArguments arguments, AutomationChannel automation)
    {
        _arguments = arguments;
        _automation = automation;
        Text = "PushChat admin";
        ClientSize = new Size(900, 560);
        MinimumSize = new Size(640, 400);
        _port.Value = arguments.Port;
        _duration.Items.AddRange(DurationNames);
        _duration.SelectedIndex = 1;

        var status = new StatusStrip();
        status.Items.AddRange(new ToolStripItem[] { _state, _connectionCount, _sessionCount, _lineRate });

        // The table fills what the status strip leaves: a control added earlier docks later.
        Controls.Add(BuildLayout());
        Controls.Add(status);

        _startStop.Click += async (_, _) => await StartOrStopAsync();
        _open.Click += (_, _) => OpenInBrowser();
        _online.SelectedIndexChanged += (_, _) => EnableControls();
        _kick.Click += (_, _) => Moderate("kick", name => _server!.Kick(name, Reason()) ? null : $"nobody called {name} is online");
        _mute.Click += (_, _) => Moderate("mute", name => { _server!.Mute(name, SelectedDuration(), Reason()); return null; });
        _ban.Click += (_, _) => Moderate("ban", name => { _server!.Ban(name, SelectedDuration(), Reason()); return null; });
        _broadcast.Click += (_, _) => Broadcast();
        _notice.KeyDown += (_, e) =>
        {
            if (e.KeyCode == Keys.Enter)
            {
                e.SuppressKeyPress = true;
                Broadcast();
            }
        };
        _tick.Tick += (_, _) => Tick();
        Shown += async (_, _) => await OnFirstShownAsync();
        FormClosing += OnClosingAsync;
        EnableControls();
        UpdateCounts();
        UpdateStatus(0);
    }

    protected override void OnLoad(EventArgs e)
    {
        base.OnLoad(e);

        // A splitter distance set before the form has its size is measured against the
        // container's default size and squeezes the second pane; set it once the layout is done.
        PerformLayout();
        _split.Panel1MinSize = 200;
        _split.Panel2MinSize = 200;
        _split.SplitterDistance = Math.Max(_split.Panel1MinSize, Math.Min(440, _split.Width - _split.Panel2MinSize - _split.SplitterWidth));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _tick.Dispose();
            _connections.Dispose();
        }

        base.Dispose(disposing);
    }

    private TableLayoutPanel BuildLayout()
    {
        var top = new FlowLayoutPanel { AutoSize = true, Dock = DockStyle.Fill, WrapContents = false, Margin = new Padding(0) };
        top.Controls.AddRange(new Control[] { Caption("Port"), _port, _startStop, _open, _address });

        _split.Panel1.Controls.Add(Titled("Online", _online));
        _split.Panel2.Controls.Add(Titled("Messages", _log));

        var moderation = Row(Caption("Reason"), _reason, _duration, _kick, _mute, _ban);
        var broadcast = Row(Caption("Notice"), _notice, _broadcast);

        var root = new TableLayoutPanel { Dock = DockStyle.Fill, ColumnCount = 1, RowCount = 4, Padding = new Padding(6) };
        root.ColumnStyles.Add(new ColumnStyle(SizeType.Percent, 100));
        root.RowStyles.Add(new RowStyle(SizeType.AutoSize));
        root.RowStyles.Add(new RowStyle(SizeType.Percent, 100));
        root.RowStyles.Add(new RowStyle(SizeType.AutoSize));
        root.RowStyles.Add(new RowStyle(SizeType.AutoSize));
        root.Controls.Add(top, 0, 0);
        root.Controls.Add(_split, 0, 1);
        root.Controls.Add(moderation, 0, 2);
        root.Controls.Add(broadcast, 0, 3);
        return root;
    }

    private static Label Caption(string text) => new() { Text = text, AutoSize = true, Anchor = AnchorStyles.Left };

    /// <summary>A caption above a control that takes the rest of the pane.</summary>
    private static TableLayoutPanel Titled(string title, Control content)
    {
        var panel = new TableLayoutPanel { Dock = DockStyle.Fill, ColumnCount = 1, RowCount = 2, Margin = new Padding(0) };
        panel.ColumnStyles.Add(new ColumnStyle(SizeType.Percent, 100));
        panel.RowStyles.Add(new RowStyle(SizeType.AutoSize));
        panel.RowStyles.Add(new RowStyle(SizeType.Percent, 100));
        panel.Controls.Add(Caption(title), 0, 0);
        panel.Controls.Add(content, 0, 1);
        return panel;
    }

    /// <summary>One line of controls; the one docked to fill takes the spare width.</summary>
    private static TableLayoutPanel Row(params Control[] controls)
    {
        var row = new TableLayoutPanel { Dock = DockStyle.Fill, AutoSize = true, ColumnCount = controls.Length, RowCount = 1, Margin = new Padding(0) };
        for (var i = 0; i < controls.Length; i++)
        {
            row.ColumnStyles.Add(controls[i].Dock == DockStyle.Fill ? new ColumnStyle(SizeType.Percent, 100) : new ColumnStyle(SizeType.AutoSize));
            row.Controls.Add(controls[i], i, 0);
        }

        return row;
    }

    private async Task OnFirstShownAsync()
    {
        _automation.ListenForQuit(() => OnUi(Close));
        _tick.Start();
        if (_arguments.Start)
        {
            await StartOrStopAsync();
        }
    }

    /// <summary>Every failure ends here as a message: nothing escapes to the message loop.</summary>
    private async Task StartOrStopAsync()
    {
        _busy = true;
        EnableControls();
        try
        {
            if (_server is null)
            {
                await StartAsync();
            }
            else
            {
                await StopAsync();
            }
        }
        catch (Exception ex)
        {
            _automation.Report("failed: " + ex.Message);
            MessageBox.Show(this, ex.Message, "PushChat", MessageBoxButtons.OK, MessageBoxIcon.Error);
        }
        finally
        {
            _busy = false;
            EnableControls();
        }
    }

    private async Task StartAsync()
    {
        var server = new ChatServer(new ChatServerOptions { Port = (int)_port.Value, Title = "PushChat" });
        // The rooms' own notices ("zoe joined.") reach the log through MessagePosted.
        server.UserJoined += (_, _) => OnUi(RefreshOnline);
        server.UserLeft += (_, _) => OnUi(RefreshOnline);
        server.UserMoved += (_, _) => OnUi(RefreshOnline);
        server.ModerationPerformed += (_, e) => OnUi(() => { RefreshOnline(); Append(Describe(e)); });
        server.MessagePosted += (_, e) =>
        {
            Interlocked.Increment(ref _linesSinceTick);
            OnUi(() => Append(e.Message.Sender is null ? $"[{e.Message.Room}] {e.Message.Text}" : $"[{e.Message.Room}] {e.Message.Sender}: {e.Message.Text}"));
        };
        await server.StartAsync();
        _server = server;
        var endPoint = server.LocalEndPoint!;
        _address.Text = $"http://localhost:{endPoint.Port.ToString(CultureInfo.InvariantCulture)}/";
        _state.Text = "Listening on " + endPoint;
        _automation.Report("listening on " + endPoint);
        RefreshOnline();
        UpdateStatus(0);
    }

    /// <summary>Stops gracefully: every open chat is told the server is shutting down before it closes.</summary>
    private async Task StopAsync()
    {
        var server = _server;
        if (server is null)
        {
            return;
        }

        _state.Text = "Stopping…";
        try
        {
            await server.StopAsync();
        }
        finally
        {
            _server = null;
            _address.Text = "(stopped)";
            _state.Text = "Stopped";
            RefreshOnline();
            _automation.Report("stopped");
        }
    }

    /// <summary>
    /// Closing while the server runs: the close is put off, the server stops (awaited, so the
    /// window keeps painting), and the window closes again. Catches everything: an async event handler.
    /// </summary>
    private async void OnClosingAsync(object? sender, FormClosingEventArgs e)
    {
        if (_server is null || _closeWhenStopped)
        {
            return;
        }

        e.Cancel = true;
        _closeWhenStopped = true;
        _busy = true;
        EnableControls();
        try
        {
            await StopAsync();
        }
        catch (Exception ex)
        {
            _automation.Report("failed: " + ex.Message);
        }

        Close();
    }

    private void Moderate(string action, Func<string, string?> act)
    {
        var name = _online.SelectedName;
        if (_server is null || name is null)
        {
            return;
        }

        try
        {
            var problem = act(name);
            if (problem is not null)
            {
                Append(problem);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            Append($"{action} {name} failed: {ex.Message}");
        }
    }

    private void Broadcast()
    {
        var text = _notice.Text.Trim();
        if (_server is null || text.Length == 0)
        {
            return;
        }

        try
        {
            _server.PostNotice(text);
            _notice.Clear();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            Append("broadcast failed: " + ex.Message);
        }
    }

    private void OpenInBrowser()
    {
        try
        {
            Process.Start(new ProcessStartInfo(_address.Text) { UseShellExecute = true })?.Dispose();
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException or System.IO.FileNotFoundException)
        {
            MessageBox.Show(this, $"No browser could be started for {_address.Text}: {ex.Message}", "PushChat", MessageBoxButtons.OK, MessageBoxIcon.Warning);
        }
    }

    private string? Reason() => _reason.Text.Trim().Length == 0 ? null : _reason.Text.Trim();

    private TimeSpan SelectedDuration() => Durations[Math.Max(0, _duration.SelectedIndex)];

    private static string Describe(ChatModerationEventArgs e)
    {
        var until = e.Until is { } end ? $" until {end.ToLocalTime():g}" : string.Empty;
        var reason = e.Reason is null ? string.Empty : $" ({e.Reason})";
        return $"{e.Action}: {e.Target} by {e.Actor ?? "the host"}{until}{reason}";
    }

    private void Tick()
    {
        RefreshOnline();
        var seconds = _sinceTick.Elapsed.TotalSeconds;
        _sinceTick.Restart();
        UpdateStatus(seconds > 0 ? Interlocked.Exchange(ref _linesSinceTick, 0) / seconds : 0);
    }

    /// <summary>Lines per second are counted from <see cref="ChatServer.MessagePosted"/> between two ticks.</summary>
    private void UpdateStatus(double linesPerSecond) =>
        _lineRate.Text = "Lines/s: " + linesPerSecond.ToString("0.0", CultureInfo.InvariantCulture);

    private void UpdateCounts()
    {
        _connectionCount.Text = "Connections: " + _connections.Connections.ToString(CultureInfo.InvariantCulture);
        _sessionCount.Text = "Sessions: " + (_server?.Sessions.Count ?? 0).ToString(CultureInfo.InvariantCulture);
    }

    private void RefreshOnline()
    {
        var server = _server;
        var changed = _online.Show(server?.OnlineUsers ?? Array.Empty<ChatUserInfo>(), server?.Sessions ?? Array.Empty<ChatSessionInfo>(), DateTimeOffset.UtcNow);
        UpdateCounts();
        if (changed)
        {
            // Painted before it is reported, so a screenshot taken on the report shows the list.
            _online.Update();
            _automation.Report(("online: " + string.Join(", ", _online.Names)).TrimEnd());
            EnableControls();
        }
    }

    private void Append(string line)
    {
        _log.BeginUpdate();
        while (_log.Items.Count >= MaxLogLines)
        {
            _log.Items.RemoveAt(0);
        }

        _log.Items.Add($"{DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}  {line}");
        _log.TopIndex = _log.Items.Count - 1;
        _log.EndUpdate();
    }

    private void EnableControls()
    {
        var running = _server is not null;
        var selected = running && _online.SelectedName is not null;
        _startStop.Text = running ? "Stop" : "Start";
        _startStop.Enabled = !_busy;
        _port.Enabled = !running && !_busy;
        _open.Enabled = running;
        _broadcast.Enabled = running;
        _kick.Enabled = _mute.Enabled = _ban.Enabled = selected;
    }

    /// <summary>Server events and input arrive on background threads; controls are touched only on the UI thread.</summary>
    private void OnUi(Action action)
    {
        if (!IsHandleCreated || IsDisposed)
        {
            return;
        }

        try
        {
            BeginInvoke(action);
        }
        catch (InvalidOperationException)
        {
            // The window closed between the check and the call; nothing is left to update.
        }
    }
}
