using System;
using System.Threading;
using PushChat.Internal.Transport;
using PushChat.Localization;
using PushChat.Internal.WebSockets;

namespace PushChat.Internal.Push;

/// <summary>
/// Something a fan-out carries to readers in the chat state's order, kept in a log at its
/// <see cref="Position"/>: a line, a notice, or the deletion of a line. Its bytes are encoded once
/// per transport format and reader language, on first use, and shared by every reader of that
/// format and language; they are kept framed for the wire (an HTTP chunk, a WebSocket frame), so
/// that no write frames or copies them again. The HTML is written per language (the renderer puts
/// words around a line); the JSON only when the item's own text is (a notice), otherwise every
/// language shares the first one's. The JSON formats name the item's position, so only the HTML is
/// shared with the copy of a whisper in the other end's log.
/// </summary>
internal abstract class PushItem
{
    private readonly byte[]?[] _encoded;
    private readonly byte[]?[] _json;
    private readonly PushItem? _sameHtmlAs;
    private readonly ChatLanguages _languages;
    private SharedEventId? _eventId;

    /// <param name="stamp">When the item was applied, in the chat state's order of changes.</param>
    /// <param name="languages">The languages the server speaks: the item keeps bytes for each.</param>
    /// <param name="sameBytesAs">An item of another log whose HTML this one shares, or null.</param>
    protected PushItem(long stamp, ChatLanguages languages, PushItem? sameBytesAs = null)
    {
        Stamp = stamp;
        _languages = languages;
        _sameHtmlAs = sameBytesAs;
        _encoded = new byte[]?[LineEncoders.FormatCount * languages.Count];
        _json = new byte[]?[languages.Count];
    }

    /// <summary>When the item was applied, in the chat state's order: it orders items of different logs.</summary>
    public long Stamp { get; }

    /// <summary>Where the item stands in its log; placed once, when it is appended.</summary>
    public LogPosition Position { get; private set; }

    /// <summary>Whether the item's log is a session's mailbox rather than a room's.</summary>
    public bool InMailbox { get; private set; }

    /// <summary>The SSE event's name for the item (see PROTOCOL.md).</summary>
    public abstract string EventName { get; }

    /// <summary>Whether the reader gets the item; <paramref name="live"/> is false on history replay.</summary>
    public abstract bool IsFor(IPushReader reader, bool live);

    /// <summary>
    /// Whether a reader who has its log up to <paramref name="seen"/> needs this later item: a line
    /// deleted since does not need to be shown, nor its deletion, unless the reader had the line.
    /// </summary>
    public virtual bool IsNewsAfter(long seen) => true;

    /// <summary>Called once, by the log the item is appended to.</summary>
    public void Place(LogPosition position, bool inMailbox = false)
    {
        if (Position != LogPosition.None)
        {
            throw new InvalidOperationException("An item is placed in one log only.");
        }

        Position = position;
        InMailbox = inMailbox;
    }

    /// <summary>Whether the item's JSON differs by language (a notice's words); its HTML always may.</summary>
    protected virtual bool IsWordedPerLanguage => false;

    /// <summary>
    /// Renders the item's HTML now, in every language some reader has chosen, on the thread that
    /// applies the change: the renderer is host code and must not run on the fan-out thread. The
    /// JSON formats are the chat's own and are encoded on first use, so a server without such
    /// readers never spends on them.
    /// </summary>
    public void RenderAhead()
    {
        for (var language = 0; language < _languages.Count; language++)
        {
            if (_languages.IsChosen(language))
            {
                _ = Framed(LineFormat.Html, language);
            }
        }
    }

    /// <summary>The item as one line of JSON (see PROTOCOL.md) in the reader's language, encoded once.</summary>
    public byte[] Json(int language = 0)
    {
        language = IsWordedPerLanguage ? language : 0;
        var json = Volatile.Read(ref _json[language]);
        if (json is null)
        {
            json = EncodeJson(_languages.All[language]);
            json = Interlocked.CompareExchange(ref _json[language], json, null) ?? json;
        }

        return json;
    }

    /// <summary>The item's bytes in <paramref name="format"/>, without framing: HTML, an event, or the JSON.</summary>
    public ReadOnlyMemory<byte> Encoded(LineFormat format, int language = 0) =>
        format == LineFormat.WebSocket ? Json(language) : ChunkFraming.Payload(Framed(format, language));

    /// <summary>
    /// The item's bytes in <paramref name="format"/> and the reader's language (its place in the
    /// server's <see cref="ChatLanguages"/>), framed for the wire: one HTTP chunk for the chat
    /// frame and for SSE (an event without its id, which each reader adds), one text frame for
    /// the WebSocket.
    /// </summary>
    public ReadOnlyMemory<byte> Framed(LineFormat format, int language = 0)
    {
        if (format == LineFormat.Html && _sameHtmlAs is not null)
        {
            return _sameHtmlAs.Framed(format, language);
        }

        language = format == LineFormat.Html || IsWordedPerLanguage ? language : 0;
        var index = ((int)format * _languages.Count) + language;
        var bytes = Volatile.Read(ref _encoded[index]);
        if (bytes is null)
        {
            // Two first readers may both encode; one result wins and the other is dropped.
            bytes = format switch
            {
                LineFormat.Html => ChunkFraming.Frame(EncodeHtml(_languages.All[language])),
                LineFormat.EventStream => ChunkFraming.Frame(EventStreamFraming.Event(EventName, Json(language))),
                _ => WebSocketFrameWriter.Frame(WebSocketOpcode.Text, Json(language)),
            };
            bytes = Interlocked.CompareExchange(ref _encoded[index], bytes, null) ?? bytes;
        }

        return bytes;
    }

    /// <summary>
    /// The item's event (<see cref="Framed"/> for SSE) followed by the id of readers at
    /// <paramref name="cursor"/>, as one chunk built by <paramref name="frame"/> once and shared by
    /// every reader at the same cursor and language (those whose mailbox is where the others' is):
    /// one piece per item for them to queue and write instead of two. Empty when readers of
    /// another language took the item's one place first: those readers add their own id.
    /// </summary>
    public ReadOnlyMemory<byte> EventWithId(StreamCursor cursor, int language, Func<ReadOnlyMemory<byte>, StreamCursor, byte[]> frame)
    {
        language = IsWordedPerLanguage ? language : 0;
        var shared = Volatile.Read(ref _eventId);
        if (shared is not null && shared.Cursor == cursor)
        {
            return shared.Language == language ? shared.Framed : ReadOnlyMemory<byte>.Empty;
        }

        // A later cursor replaces an earlier one: the readers still to come are at the later one.
        shared = new SharedEventId(cursor, language, frame(Framed(LineFormat.EventStream, language), cursor));
        Volatile.Write(ref _eventId, shared);
        return shared.Framed;
    }

    protected abstract byte[] EncodeHtml(ChatLanguage language);

    protected abstract byte[] EncodeJson(ChatLanguage language);

    private sealed record SharedEventId(StreamCursor Cursor, int Language, byte[] Framed);
}
