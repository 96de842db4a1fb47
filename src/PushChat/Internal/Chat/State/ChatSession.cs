using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using PushChat.Internal.Chat.Services;
using PushChat.Internal.Push;
using PushChat.Localization;

namespace PushChat.Internal.Chat.State;

/// <summary>A logged-in user. Only <see cref="ChatState"/> changes it, under its lock; <see cref="LastSeen"/> excepted.</summary>
internal sealed class ChatSession : IPushReader
{
    private const int MaxKeptSpans = 4;

    // Every session starts with this one, never changed: most never ignore anyone, and an empty
    // dictionary of their own would cost each of them 80 bytes for as long as they stay.
    private static readonly Dictionary<string, IgnoreSpan[]> NoOneIgnored = new(StringComparer.OrdinalIgnoreCase);

    // Who is ignored, and between which stamps: an ignore covers the lines applied while it
    // stood, also those fan-out reaches after it was lifted. Replaced, never changed: fan-out
    // reads it on any thread while a change swaps it.
    private Dictionary<string, IgnoreSpan[]> _ignored = NoOneIgnored;
    private long _lastSeenTicks;

    public ChatSession(string id, string userName, ChatRole role, string color, ChatRoom room, IPAddress remoteAddress, DateTimeOffset now, ItemLog mailbox)
    {
        Mailbox = mailbox;
        Id = id;
        UserName = userName;
        Role = role;
        Color = color;
        Room = room;
        RemoteAddress = remoteAddress;
        CreatedAt = now;
        LastSeen = now;
    }

    public string Id { get; }

    string IPushReader.SessionId => Id;

    /// <summary>
    /// The secret the session's browser holds in its cookie (see <see cref="SessionCookies"/>);
    /// every request of the session must show it. Never in a URL, a page or a log.
    /// </summary>
    public string BrowserSecret { get; init; } = string.Empty;

    /// <summary>The language the user reads the chat in: pages, notices, refusals.</summary>
    public ChatLanguage Language { get; init; } = ChatLanguage.English;

    /// <summary><see cref="Language"/>'s place in the server's languages, which its items' bytes are kept under.</summary>
    public int LanguageIndex { get; init; }

    public string UserName { get; }

    /// <summary>The role now: the host may change it (under the state's lock), and every privileged act reads it afresh.</summary>
    public ChatRole Role { get; set; }

    public string Color { get; set; }

    public ChatRoom Room { get; set; }

    public IPAddress RemoteAddress { get; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>The last sign of life; written by any request, so kept as atomic ticks.</summary>
    public DateTimeOffset LastSeen
    {
        get => new(System.Threading.Interlocked.Read(ref _lastSeenTicks), TimeSpan.Zero);
        set => System.Threading.Interlocked.Exchange(ref _lastSeenTicks, value.UtcTicks);
    }

    /// <summary>Set when the session first opened its chat stream and was announced to the room.</summary>
    public DateTimeOffset? JoinedAt { get; set; }

    /// <summary>The session's open streams (tabs, reconnects), oldest first; replaced, never changed, under the state's lock.</summary>
    public IPushStream[] Streams { get; private set; } = Array.Empty<IPushStream>();

    public bool HasStreams => Streams.Length > 0;

    public void AddStream(IPushStream stream) => Streams = Streams.Append(stream).ToArray();

    /// <summary>Forgets the stream; false when it was not one of the session's.</summary>
    public bool RemoveStream(IPushStream stream)
    {
        if (Array.IndexOf(Streams, stream) < 0)
        {
            return false;
        }

        Streams = Streams.Where(s => s != stream).ToArray();
        return true;
    }

    /// <summary>Forgets every stream and returns them.</summary>
    public IPushStream[] TakeStreams()
    {
        var streams = Streams;
        Streams = Array.Empty<IPushStream>();
        return streams;
    }

    /// <summary>The session's private items (whispers to and from it, notices to it alone), wherever it goes.</summary>
    public ItemLog Mailbox { get; }

    /// <summary>
    /// The nodes where the session has a stream open now: this node's own when it is alone, every
    /// node's of a scaled-out chat. Replaced, never changed, under the state's lock.
    /// </summary>
    public string[] PresentOn { get; set; } = Array.Empty<string>();

    /// <summary>Whether the session has a stream open on some node.</summary>
    public bool IsPresent => PresentOn.Length > 0;

    /// <summary>When the session's last stream on any node closed, while no new one is open; starts the leave grace period.</summary>
    public DateTimeOffset? StreamClosedAt { get; set; }

    public bool Ended { get; set; }

    /// <summary>Whom the session ignores now, for its names frame.</summary>
    public IReadOnlyCollection<string> Ignored =>
        System.Threading.Volatile.Read(ref _ignored).Where(e => e.Value[e.Value.Length - 1].Until == long.MaxValue).Select(e => e.Key).ToArray();

    /// <summary>Whether the user's line applied at <paramref name="stamp"/> falls in an ignore; <see cref="long.MaxValue"/> asks about now.</summary>
    public bool Ignores(string userName, long stamp)
    {
        var ignored = System.Threading.Volatile.Read(ref _ignored);
        if (ignored.Count == 0 || !ignored.TryGetValue(userName, out var spans))
        {
            return false;
        }

        foreach (var span in spans)
        {
            if (span.Since < stamp && stamp <= span.Until)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Starts or stops ignoring a user at <paramref name="stamp"/>; false when nothing changed.</summary>
    public bool SetIgnored(string userName, bool ignore, long stamp)
    {
        var spans = _ignored.TryGetValue(userName, out var known) ? known : Array.Empty<IgnoreSpan>();
        var active = spans.Length > 0 && spans[spans.Length - 1].Until == long.MaxValue;
        if (ignore == active)
        {
            return false;
        }

        // A few past spans are kept for lines still on their way; older ones have long been delivered.
        var kept = spans.Skip(Math.Max(0, spans.Length - MaxKeptSpans)).ToList();
        if (ignore)
        {
            kept.Add(new IgnoreSpan(stamp, long.MaxValue));
        }
        else
        {
            kept[kept.Count - 1] = kept[kept.Count - 1] with { Until = stamp };
        }

        var ignored = new Dictionary<string, IgnoreSpan[]>(_ignored, StringComparer.OrdinalIgnoreCase) { [userName] = kept.ToArray() };
        System.Threading.Volatile.Write(ref _ignored, ignored);
        return true;
    }

    public ChatUserInfo ToInfo() => new(UserName, Role, Color, Room.Name, JoinedAt ?? CreatedAt, LastSeen);

    private readonly record struct IgnoreSpan(long Since, long Until);
}
