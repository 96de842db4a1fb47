using PushChat.Internal.Chat.Commands;

namespace PushChat.Tests.Unit;

[TestClass]
public sealed class TalkCommandParserTests
{
    [TestMethod]
    [DataRow("hello", "Say", "hello")]
    [DataRow("  /ME  waves  ", "Action", "waves")]
    [DataRow("/msg ben hi there", "Whisper", "ben hi there")]
    [DataRow("/w ben hi", "Whisper", "ben hi")]
    [DataRow("/colour red", "Color", "red")]
    [DataRow("/help", "Help", "")]
    [DataRow("/?", "Help", "")]
    [DataRow("//me", "Say", "/me")]
    [DataRow("/", null, null)]
    [DataRow("/nope x", null, null)]
    public void Reads_commands_and_speech(string typed, string? verb, string? argument)
    {
        var command = TalkCommandParser.Parse(typed, out var hint);

        Assert.AreEqual(verb, command?.Verb.ToString());
        Assert.AreEqual(argument, command?.Argument);
        Assert.AreEqual(command is null, hint is not null);
    }

    [TestMethod]
    [DataRow("Ann Lee hi there", "Ann Lee", "hi there")]
    [DataRow("ann hi", "ann", "hi")]
    [DataRow("\"Ann Lee\" hi", "Ann Lee", "hi")]
    [DataRow("stranger hi", "stranger", "hi")]
    [DataRow("Ann Lee", "Ann Lee", "")]
    public void Splits_a_name_that_may_hold_spaces(string argument, string name, string text)
    {
        var online = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "ann", "Ann Lee" };

        var split = TalkCommandParser.SplitName(argument, online.Contains);

        Assert.AreEqual((name, text), split);
    }
}
