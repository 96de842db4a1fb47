using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using PushChat.Internal.Chat.Sockets;
using PushChat.Localization;

namespace PushChat.Internal.Chat.Pages;

/// <summary>
/// The modern page's texts script (<see cref="ChatRoutes.AppText"/>) in one language: every
/// <c>app.*</c> text of the string tables, as templates the page fills itself (app-format.js), set
/// as <c>window.PushChatText</c>. Written once per language and kept.
/// </summary>
internal static class AppTexts
{
    private const string Prefix = "app.";

    private static readonly ConcurrentDictionary<ChatLanguage, byte[]> Scripts = new();

    public static byte[] Script(ChatLanguage language) => Scripts.GetOrAdd(language, Write);

    private static byte[] Write(ChatLanguage language)
    {
        using var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json, SocketJson.WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var key in ChatLanguage.English.Texts.Keys.Where(k => k.StartsWith(Prefix, StringComparison.Ordinal)).OrderBy(k => k, StringComparer.Ordinal))
            {
                writer.WriteString(key.AsSpan(Prefix.Length), language.TemplateOf(key));
            }

            writer.WriteEndObject();
        }

        var script = "// The modern page's texts in " + language.Tag + ", from the chat's string tables.\nwindow.PushChatText = "
            + Encoding.UTF8.GetString(json.ToArray()) + ";\n";
        return Encoding.UTF8.GetBytes(script);
    }
}
