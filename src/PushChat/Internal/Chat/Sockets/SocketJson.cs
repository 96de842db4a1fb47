using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace PushChat.Internal.Chat.Sockets;

/// <summary>
/// How the server writes JSON for sockets: compact, and escaped so that it is valid JSON that is
/// also safe inside HTML and JavaScript source.
/// </summary>
/// <remarks>
/// The framework's JavaScript encoder over every Unicode range keeps letters of every script as
/// UTF-8 (chat text stays short), escapes what HTML and scripts treat specially (<c>&lt;</c>,
/// <c>&gt;</c>, <c>&amp;</c>, quotes, so <c>&lt;/script&gt;</c> cannot end a script it is embedded in),
/// control characters, U+2028 and U+2029 (line ends to older JavaScript), and writes a lone
/// surrogate, which is not text, as U+FFFD. The relaxed encoder would leave U+2028/2029 and
/// <c>&lt;</c> as they are.
/// </remarks>
internal static class SocketJson
{
    /// <summary>The protocol version this server speaks.</summary>
    public const int ProtocolVersion = 1;

    public static JavaScriptEncoder Encoder { get; } = JavaScriptEncoder.Create(UnicodeRanges.All);

    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = Encoder, Indented = false, SkipValidation = false };

    /// <summary>A role as the protocol names it.</summary>
    public static string RoleName(ChatRole role) => role switch
    {
        ChatRole.Guest => "guest",
        ChatRole.User => "user",
        ChatRole.Admin => "administrator",
        _ => role.ToString().ToLowerInvariant(),
    };
}
