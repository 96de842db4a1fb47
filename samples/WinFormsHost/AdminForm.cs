using System;
using System.Diagnostics;
using System.Drawing;
using System.Globalization;
using System.Threading.Tasks;
using System.Windows.Forms;

namespace PushChat.WinFormsHost;

/// <summary>A desktop admin window embedding the chat: start/stop, open in a browser, who is online, the message log, broadcast.</summary>
internal sealed class AdminForm : Form
{
    private readonly NumericUpDown _port = new() { Minimum = 1, Maximum = 65535, Value = 9148, Width = 80 };
    private readonly Button _startStop = new() { Text = "Start", AutoSize = true };
    private readonly LinkLabel _address = new() { Text = "(stopped)", AutoSize = true, Enabled = false };
    private readonly ListBox _online = new() { Dock = DockStyle.Fill, IntegralHeight = false };
    private readonly ListBox _log = new() { Dock = DockStyle.Fill, IntegralHeight = false, HorizontalScrollbar = true };
    private readonly TextBox _notice = new() { Dock = DockStyle.Fill };
    private readonly Button _broadcast = new() { Text = "Broadcast", AutoSize = true, Enabled = false };
    private ChatServer? _server;

    public AdminForm()
    {
        Text = "PushChat admin";
        ClientSize = new Size(760, 480);
        var top = new FlowLayoutPanel { Dock = DockStyle.Top, AutoSize = true, Padding = new Padding(6) };
        top.Controls.AddRange(new Control[] { new Label { Text = "Port", AutoSize = true, Padding = new Padding(0, 6, 0, 0) }, _port, _startStop, _address });
        var split = new SplitContainer { Dock = DockStyle.Fill, SplitterDistance = 200 };
        split.Panel1.Controls.Add(_online);
        split.Panel1.Controls.Add(new Label { Text = "Online", Dock = DockStyle.Top });
        split.Panel2.Controls.Add(_log);
        split.Panel2.Controls.Add(new Label { Text = "Messages", Dock = DockStyle.Top });
        var bottom = new TableLayoutPanel { Dock = DockStyle.Bottom, AutoSize = true, ColumnCount = 2, Padding = new Padding(6) };
        bottom.ColumnStyles.Add(new ColumnStyle(SizeType.Percent, 100));
        bottom.Controls.Add(_notice, 0, 0);
        bottom.Controls.Add(_broadcast, 1, 0);
        Controls.Add(split);
        Controls.Add(bottom);
        Controls.Add(top);

        _startStop.Click += async (_, _) => await ToggleAsync();
        _broadcast.Click += (_, _) => Broadcast();
        _address.LinkClicked += (_, _) => Process.Start(new ProcessStartInfo(_address.Text) { UseShellExecute = true });
        FormClosing += async (_, _) => await StopAsync();
    }

    private async Task ToggleAsync()
    {
        _startStop.Enabled = false;
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
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or Microsoft.Extensions.Options.OptionsValidationException)
        {
            MessageBox.Show(this, ex.Message, "PushChat could not start", MessageBoxButtons.OK, MessageBoxIcon.Error);
        }
        finally
        {
            _startStop.Enabled = true;
        }
    }

    private async Task StartAsync()
    {
        var server = new ChatServer(new ChatServerOptions { Port = (int)_port.Value, Title = "PushChat" });
        server.UserJoined += (_, e) => OnUi(() => { RefreshOnline(); Append($"{e.User.Name} joined"); });
        server.UserLeft += (_, e) => OnUi(() => { RefreshOnline(); Append($"{e.User.Name} left ({e.LeaveReason})"); });
        server.MessagePosted += (_, e) => OnUi(() => Append(e.Message.Sender is null ? e.Message.Text : $"{e.Message.Sender}: {e.Message.Text}"));
        await server.StartAsync();
        _server = server;
        _address.Text = $"http://localhost:{server.LocalEndPoint!.Port.ToString(CultureInfo.InvariantCulture)}/";
        _address.Enabled = true;
        _startStop.Text = "Stop";
        _broadcast.Enabled = true;
        _port.Enabled = false;
    }

    private async Task StopAsync()
    {
        var server = _server;
        _server = null;
        if (server is null)
        {
            return;
        }

        await server.StopAsync();
        _address.Text = "(stopped)";
        _address.Enabled = false;
        _startStop.Text = "Start";
        _broadcast.Enabled = false;
        _port.Enabled = true;
        _online.Items.Clear();
    }

    private void Broadcast()
    {
        if (_server is not null && _notice.Text.Trim().Length > 0)
        {
            _server.PostNotice(_notice.Text.Trim());
            _notice.Clear();
        }
    }

    private void RefreshOnline()
    {
        _online.Items.Clear();
        foreach (var user in _server?.OnlineUsers ?? Array.Empty<ChatUserInfo>())
        {
            _online.Items.Add($"{user.Name} ({user.Role})");
        }
    }

    private void Append(string line)
    {
        _log.Items.Add($"{DateTime.Now:HH:mm:ss}  {line}");
        _log.TopIndex = _log.Items.Count - 1;
    }

    /// <summary>Server events arrive on a background thread; controls are touched only on the UI thread.</summary>
    private void OnUi(Action action)
    {
        if (IsHandleCreated && !IsDisposed)
        {
            BeginInvoke(action);
        }
    }
}
