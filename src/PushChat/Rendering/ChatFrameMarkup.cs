using System;
using System.Globalization;
using PushChat.Localization;
using PushChat.Localization.Keys;

namespace PushChat.Rendering;

/// <summary>
/// The frameset and the chat frame of <see cref="DefaultPageRenderer"/>: the frame's start and
/// end, one line as it is pushed down the stream, and how a deleted line is hidden again.
/// </summary>
internal static class ChatFrameMarkup
{
    /// <summary>The end of the chat frame's document, sent when its stream ends.</summary>
    public const string ChatEnd = "</div></body></html>\n";

    public static string Frameset(SessionPage page)
    {
        var sid = Uri.EscapeDataString(page.SessionId);
        return $"""
            <!DOCTYPE html>
            <html lang="{Html.Encode(page.Language.Tag)}">
            <head><meta charset="utf-8"><meta name="color-scheme" content="light dark"><title>{Html.Encode(page.Room)} · {Html.Encode(page.Title)}</title></head>
            <frameset cols="*,220">
            <frameset rows="*,124">
            <frame name="chat" title="{page.Language.Encoded(ChatPageTexts.ChatFrame)}" src="{ChatRoutes.Chat}?{ChatRoutes.SessionParameter}={sid}">
            <frame name="talk" title="{page.Language.Encoded(ChatPageTexts.TalkFrame)}" src="{ChatRoutes.Talk}?{ChatRoutes.SessionParameter}={sid}">
            </frameset>
            <frame name="names" title="{page.Language.Encoded(ChatPageTexts.NamesFrame)}" src="{ChatRoutes.Names}?{ChatRoutes.SessionParameter}={sid}">
            </frameset>
            </html>
            """;
    }

    public static string ChatStart(SessionPage page) => $"""
        <!DOCTYPE html>
        <html lang="{Html.Encode(page.Language.Tag)}" class="chat">
        <head><meta charset="utf-8"><title>{Html.Encode(page.Room)}</title><link rel="stylesheet" href="{ChatRoutes.StyleSheet}"></head>
        <body class="chat"><div class="log" role="log" aria-label="{page.Language.Encoded(ChatPageTexts.MessagesIn, ("room", page.Room))}">

        """;

    public static string Line(DefaultPageRenderer look, ChatMessage message, ChatLanguage language)
    {
        var time = message.Time.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture);

        // Room and number, not an id: numbers repeat across rooms, and a frame follows its session from room to room.
        // A notice for one user only is not numbered.
        var id = message.Sequence == 0 ? string.Empty : $" data-room=\"{Html.Encode(message.Room)}\" data-seq=\"{message.Sequence.ToString(CultureInfo.InvariantCulture)}\"";
        var sender = message.Sender is null ? string.Empty : $"<b class=\"{look.ColorClassFor(message.SenderColor)}\">{Html.Encode(message.Sender)}</b>";

        // The speaker's role as a class of the line: a few bytes, and the style sheet shows it beside the name.
        var role = message.Sender is not null && message.SenderRole is { } senderRole ? " " + look.RoleClassFor(senderRole) : string.Empty;
        var text = Html.Encode(message.Text);
        var target = message.Target ?? string.Empty;
        return message.Kind switch
        {
            ChatMessageKind.System => $"<p class=\"line notice\"{id}><time>{time}</time> {text}</p>\n",
            ChatMessageKind.Whisper when message.Sender is null => $"<p class=\"line whisper notice\"{id}><time>{time}</time> {text}</p>\n",
            ChatMessageKind.Whisper => $"<p class=\"line whisper{role}\"{id}><time>{time}</time> {sender} <span class=\"to\">{Html.Encode(language.Format(LineTexts.WhisperTo, ("name", target)))}</span> {text}</p>\n",
            ChatMessageKind.Action => $"<p class=\"line action{role}\"{id}><time>{time}</time> * {sender} {text}</p>\n",
            _ when message.Target is not null => $"<p class=\"line{role}\"{id}><time>{time}</time> {sender} <span class=\"to\">{Html.Encode(language.Format(LineTexts.SaidTo, ("name", target)))}</span> {text}</p>\n",
            _ => $"<p class=\"line{role}\"{id}><time>{time}</time> {sender} {text}</p>\n",
        };
    }

    /// <summary>The link to the style sheet that hides a deleted line; also what is sent when a custom renderer fails.</summary>
    public static string HiddenLineLink(ChatMessage message) =>
        $"<link rel=\"stylesheet\" href=\"{Html.Encode($"{ChatRoutes.HiddenLine}?room={Uri.EscapeDataString(message.Room)}&seq={message.Sequence.ToString(CultureInfo.InvariantCulture)}")}\">\n";

    public static string HiddenLineStyle(string room, long sequence) =>
        $".line[data-room=\"{Css.Escape(room)}\"][data-seq=\"{sequence.ToString(CultureInfo.InvariantCulture)}\"] {{ display: none; }}\n";
}
