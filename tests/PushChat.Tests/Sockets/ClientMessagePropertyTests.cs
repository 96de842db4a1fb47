using System.Text;
using FsCheck;
using FsCheck.Fluent;
using PushChat.Internal.Chat.Commands;
using PushChat.Internal.Chat.Sockets;

namespace PushChat.Tests.Sockets;

/// <summary>
/// Properties of reading client messages over generated input: whatever arrives, the answer is a
/// message or a refusal with one of the protocol's codes, never an exception, and the answer to it
/// is valid JSON.
/// </summary>
[TestClass]
public sealed class ClientMessagePropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(500);

    private static readonly string[] Pieces =
    {
        "{", "}", "[", "]", ",", ":", "\"", "\"type\"", "\"id\"", "\"version\"", "\"text\"", "\"to\"", "\"position\"", "\"ignore\"",
        "\"say\"", "\"whisper\"", "\"login\"", "\"delete\"", "\"who\"", "1", "-0", "1e999", "2", "true", "false", "null", " ",
        "\\", "\\u", "\\ud800", "\\udc00", "d83d", "\u2028", "é", "\"hi\"", "\"7:12\"", "\0", "\uFEFF",
    };

    private static readonly string[] Names = { "type", "id", "version", "name", "password", "room", "session", "token", "after", "text", "to", "user", "ignore", "color", "position", "other" };

    private static readonly string[] Values =
    {
        "\"say\"", "\"whisper\"", "\"login\"", "\"resume\"", "\"delete\"", "\"ignore\"", "\"who\"", "\"dance\"", "\"hi\"", "\"7:12\"",
        "\"a\\ud800\"", "\"\\udc00\"", "\"\\u2028<\\/script>\"", "1", "1.5", "-3", "1e999", "true", "false", "null", "[]", "{}", "[[[[[[[[1]]]]]]]]", "{\"a\":{}}",
    };

    private static readonly string[] Codes = { RefusalCodes.Invalid, SocketCodes.UnknownType, SocketCodes.UnsupportedVersion };

    [TestMethod]
    public void Any_bytes_give_a_message_or_a_refusal_with_a_protocol_code_and_its_answer_is_json()
    {
        var input = Gen.Frequency(
            (1, Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i))),
            (4, Gen.ListOf(Gen.Elements(Pieces)).Select(parts => Encoding.UTF8.GetBytes(string.Concat(parts)))),
            (6, Gen.ListOf(Gen.Elements(Names).SelectMany(name => Gen.Elements(Values), (name, value) => $"\"{name}\":{value}"))
                .Select(fields => Encoding.UTF8.GetBytes("{" + string.Join(",", fields) + "}"))));
        Check.One(Runs, Prop.ForAll(input.ToArbitrary(), bytes =>
        {
            var read = ClientMessageReader.Read(bytes);
            if (read.Message is not null)
            {
                return read.Refusal is null && SocketJsonAssert.Parse(SocketAnswers.Ok(read.Id)).GetProperty("type").GetString() == "ok";
            }

            var answer = SocketJsonAssert.Parse(SocketAnswers.Error(read.Id, read.Refusal!));
            return Codes.Contains(read.Refusal!.Code) && answer.GetProperty("code").GetString() == read.Refusal.Code;
        }));
    }
}
