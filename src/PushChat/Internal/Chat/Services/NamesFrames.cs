using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.Extensions.Logging;
using PushChat.Internal.Chat.State;
using PushChat.Internal.Infrastructure;
using PushChat.Internal.Push;
using PushChat.Rendering;

namespace PushChat.Internal.Chat.Services;

/// <summary>
/// The open names frames. A names frame is one never-ending document, like the chat frame: once a
/// second (<see cref="Refresh"/>, from the sweeper) a frame whose room's presence changed (someone
/// came, left or moved, a role or a colour changed) is sent a new copy of its list, at most one
/// per room every <see cref="CoalescingDelay"/> however busy the room, and every frame draws its
/// list again each <see cref="ChatServerOptions.NamesRefreshInterval"/> for idle times and room
/// counts; a copy equal to the one shown is not sent, and a quiet frame gets the chat frame's keep-alive. No timed reload is left in the page, which a
/// screen reader would have to follow. Frames do not count against the chat streams' budgets: a
/// session holds at most <see cref="MaxPerSession"/> of them, a new one ending its oldest.
/// </summary>
internal sealed class NamesFrames
{
    /// <summary>At most one new list per room this often: a busy room does not redraw every frame on every join.</summary>
    public static readonly TimeSpan CoalescingDelay = TimeSpan.FromSeconds(2);

    /// <summary>Names frames one session may hold: its frameset's, and one more while a reload replaces it.</summary>
    public const int MaxPerSession = 2;

    /// <summary>A document ends after this many lists with a refresh to a new one, so a frame left open stays small.</summary>
    public const int RenewAfterLists = 100;

    // A names frame lists this many users of a large room, then a count: 10,000 names are no use to a reader and cost every list.
    private const int PageSize = 100;

    // The fingerprint of a room with no one in it (yet: a frame may open before its chat frame joins).
    private static readonly int NoOne = default(HashCode).ToHashCode();

    private readonly ChatEngine _engine;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly List<NamesFrameStream> _open = new();

    // When each room was last sent a new list for a change of its presence (the sweeper's thread only).
    private readonly Dictionary<string, long> _lastPush = new(StringComparer.OrdinalIgnoreCase);
    private int _listsSent;

    public NamesFrames(ChatEngine engine, ILogger logger)
    {
        _engine = engine;
        _logger = logger;
    }

    /// <summary>How many names frames are open (for tests).</summary>
    internal int OpenCount
    {
        get
        {
            lock (_gate)
            {
                return _open.Count;
            }
        }
    }

    /// <summary>How many lists were sent to open frames after their first (for tests).</summary>
    internal int ListsSent => Volatile.Read(ref _listsSent);

    private TimeProvider Time => _engine.Time;

    /// <summary>The model of the session's names frame as it stands now, with the fingerprint of its room's presence.</summary>
    public (NamesPage Page, int Presence) Page(ChatSession session, string? error = null)
    {
        var room = session.Room.Name;
        var users = new List<ChatUserInfo>();
        var presence = default(HashCode);
        var total = 0;
        foreach (var user in _engine.Online.Users())
        {
            if (user.Room == room)
            {
                Fingerprint(ref presence, user);
                if (++total <= PageSize)
                {
                    users.Add(user);
                }
            }
        }

        var page = new NamesPage(PageOf(session), users, total, _engine.Rooms.List(), _engine.Options.NamesRefreshInterval, _engine.Now, error) { Ignored = session.Ignored.ToArray() };
        return (page, presence.ToHashCode());
    }

    /// <summary>
    /// Starts a names frame on its connection with the list already drawn (so a renderer that
    /// fails does so before the response starts); a session's frame beyond <see cref="MaxPerSession"/> ends its oldest.
    /// </summary>
    public void Open(ChatSession session, IPushTransport transport, string start, string list, int presence)
    {
        var stream = new NamesFrameStream(transport, session, Time.GetTimestamp());
        stream.Start(start, list, session.Room.Name, presence, Time.GetTimestamp());
        var replaced = new List<NamesFrameStream>();
        lock (_gate)
        {
            var held = _open.Where(s => s.Session == session).ToList();
            for (var i = 0; i <= held.Count - MaxPerSession; i++)
            {
                _open.Remove(held[i]);
                replaced.Add(held[i]);
            }

            _open.Add(stream);
        }

        stream.WhenClosed(Forget);
        foreach (var old in replaced)
        {
            End(old, string.Empty);
        }
    }

    /// <summary>Ends frames whose session ended, and sends the new lists that are due; once a second, from the sweeper.</summary>
    public void Refresh()
    {
        NamesFrameStream[] streams;
        lock (_gate)
        {
            // A frame whose connection closed is forgotten by its close; it may still be here.
            streams = _open.Where(s => !s.IsClosed).ToArray();
        }

        var now = Time.GetTimestamp();
        ForgetOldPushes(now);
        if (streams.Length == 0)
        {
            return;
        }

        var presence = Presence();
        var refreshTicks = Ticks(_engine.Options.NamesRefreshInterval);
        foreach (var stream in streams)
        {
            // An open names frame shows the user is still there, as its reloads did; all before
            // any list is drawn, so that none shows another such user idle for a moment.
            _engine.Sessions.Touch(stream.Session);
        }

        var pushed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var stream in streams)
        {
            var session = stream.Session;
            if (session.Ended)
            {
                Forget(stream);
                End(stream, string.Empty);
                continue;
            }

            var room = session.Room.Name;
            var moved = !string.Equals(stream.ShownRoom, room, StringComparison.Ordinal);
            var changed = moved || stream.ShownPresence != (presence.TryGetValue(room, out var current) ? current : NoOne);
            var due = now - stream.LastListAt >= refreshTicks;
            if (changed && !moved && !due && _lastPush.TryGetValue(room, out var last) && now - last < Ticks(CoalescingDelay))
            {
                // Its room had a new list a moment ago: this change waits for the next.
                continue;
            }

            if (changed || due)
            {
                Send(stream, now);
                if (changed)
                {
                    pushed.Add(room);
                }
            }
        }

        foreach (var room in pushed)
        {
            _lastPush[room] = now;
        }

        var keepAliveTicks = Ticks(_engine.Options.KeepAliveInterval);
        foreach (var stream in streams)
        {
            if (!stream.IsClosed && now - stream.LastWriteAt >= keepAliveTicks)
            {
                stream.KeepAlive(now);
            }
        }
    }

    private static void Fingerprint(ref HashCode presence, ChatUserInfo user)
    {
        presence.Add(user.Name, StringComparer.Ordinal);
        presence.Add(user.Role);
        presence.Add(user.Color, StringComparer.OrdinalIgnoreCase);
    }

    private void Send(NamesFrameStream stream, long now)
    {
        string list;
        int presence;
        try
        {
            var (page, fingerprint) = Page(stream.Session);
            presence = fingerprint;
            list = _engine.Renderer.RenderNames(page);
        }
#pragma warning disable CA1031 // A renderer that fails ends this frame; the browser loads it again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.RendererFailed(_logger, ex);
            Forget(stream);
            stream.End(string.Empty);
            return;
        }

        if (stream.Send(list, stream.Session.Room.Name, presence, now))
        {
            Interlocked.Increment(ref _listsSent);
            if (stream.Lists >= RenewAfterLists)
            {
                Forget(stream);
                End(stream, Renewal(stream.Session));
            }
        }
    }

    /// <summary>Every room's presence fingerprint, in one pass over the online list.</summary>
    private Dictionary<string, int> Presence()
    {
        var rooms = new Dictionary<string, HashCode>(StringComparer.Ordinal);
        foreach (var user in _engine.Online.Users())
        {
            rooms.TryGetValue(user.Room, out var presence);
            Fingerprint(ref presence, user);
            rooms[user.Room] = presence;
        }

        return rooms.ToDictionary(r => r.Key, r => r.Value.ToHashCode(), StringComparer.Ordinal);
    }

    /// <summary>A refresh to a new document, as a chat frame renews itself: written at the end, so no timed reload is in a document being read.</summary>
    private static string Renewal(ChatSession session) =>
        $"<meta http-equiv=\"refresh\" content=\"0; url={Html.Encode($"{ChatRoutes.Names}?{ChatRoutes.SessionParameter}={Uri.EscapeDataString(session.Id)}")}\">\n";

    private void End(NamesFrameStream stream, string before)
    {
        string end;
        try
        {
            end = _engine.Renderer.RenderNamesEnd(PageOf(stream.Session));
        }
#pragma warning disable CA1031 // The frame ends either way.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.RendererFailed(_logger, ex);
            end = string.Empty;
        }

        stream.End(before + end);
    }

    private void Forget(NamesFrameStream stream)
    {
        lock (_gate)
        {
            _open.Remove(stream);
        }
    }

    private void ForgetOldPushes(long now)
    {
        foreach (var room in _lastPush.Where(p => now - p.Value >= Ticks(CoalescingDelay)).Select(p => p.Key).ToList())
        {
            _lastPush.Remove(room);
        }
    }

    private SessionPage PageOf(ChatSession session) => new(_engine.Options.Title, session.Id, session.UserName, session.Room.Name) { Language = session.Language };

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Time.TimestampFrequency);
}
