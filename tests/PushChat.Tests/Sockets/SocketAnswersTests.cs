using System.Text;
using PushChat.Internal.Chat.Commands;
using PushChat.Internal.Chat.Sockets;
using PushChat.Tests.Infrastructure;
using PushChat.Tests.Rooms;
using static PushChat.Tests.Sockets.SocketJsonAssert;

using PushChat.Localization;

namespace PushChat.Tests.Sockets;

/// <summary>The server's answers as JSON: their shapes, and text escaped so that any JSON reader and any page embedding them stays safe.</summary>
[TestClass]
public sealed class SocketAnswersTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    [TestMethod]
    public void Ok_repeats_the_id_and_is_compact()
    {
        var answer = SocketAnswers.Ok(MessageId.FromNumber("1"));

        Assert.AreEqual("""{"type":"ok","id":1}""", Encoding.UTF8.GetString(answer));
        Assert.AreEqual("""{"type":"ok","id":"a"}""", Encoding.UTF8.GetString(SocketAnswers.Ok(MessageId.FromString("a"))));
        Assert.AreEqual("""{"type":"ok","id":null}""", Encoding.UTF8.GetString(SocketAnswers.Ok(MessageId.None)));
    }

    [TestMethod]
    public void Error_carries_the_id_the_code_the_status_and_the_message()
    {
        var answer = SocketAnswers.Error(MessageId.FromNumber("1"), new CommandRefusal(RefusalCodes.RateLimited, 429, LocalText.Plain("You are sending lines too fast. Wait a moment.")));

        Assert.AreEqual("""{"type":"error","id":1,"code":"rate_limited","status":429,"message":"You are sending lines too fast. Wait a moment."}""", Encoding.UTF8.GetString(answer));
    }

    [TestMethod]
    public void Presence_lists_the_users_with_role_colour_whole_seconds_idle_and_the_rooms_owners()
    {
        var users = new[]
        {
            new ChatUserInfo("ann", ChatRole.User, "#00707a", "Lobby", Now.AddMinutes(-5), Now.AddSeconds(-3.7)),
            new ChatUserInfo("root", ChatRole.Admin, "#9a3412", "Lobby", Now.AddMinutes(-5), Now),
            new ChatUserInfo("visitor", ChatRole.Guest, "#336699", "Lobby", Now.AddMinutes(-5), Now.AddSeconds(2)),
        };

        var answer = Encoding.UTF8.GetString(SocketAnswers.Presence("Lobby", users, users.Length, Now, MessageId.None, ["ANN"]));

        Assert.AreEqual(
            """{"type":"presence","room":"Lobby","count":3,"users":[{"name":"ann","role":"user","color":"#00707a","idleSeconds":3,"owner":true},{"name":"root","role":"administrator","color":"#9a3412","idleSeconds":0},{"name":"visitor","role":"guest","color":"#336699","idleSeconds":0}]}""",
            answer);
    }

    [TestMethod]
    public void Presence_of_a_crowded_room_names_some_and_counts_all()
    {
        var users = Enumerable.Range(0, 1000).Select(i => new ChatUserInfo($"user{i:D4}", ChatRole.Guest, "#336699", "Lobby", Now, Now)).Reverse().ToArray();

        var json = Parse(SocketAnswers.Presence("Lobby", users, 10_000, Now, MessageId.None, []));

        Assert.AreEqual(10_000, json.GetProperty("count").GetInt32());
        Assert.AreEqual(SocketAnswers.MaxPresenceUsers, json.GetProperty("users").GetArrayLength());
        Assert.AreEqual("user0000", json.GetProperty("users")[0].GetProperty("name").GetString());
    }

    [TestMethod]
    public void Presence_that_answers_who_repeats_its_id()
    {
        var json = Parse(SocketAnswers.Presence("Lobby", [], 0, Now, MessageId.FromString("w1"), []));

        Assert.AreEqual("w1", json.GetProperty("id").GetString());
        Assert.AreEqual(0, json.GetProperty("users").GetArrayLength());
    }

    [TestMethod]
    public async Task Welcome_names_the_session_its_token_the_user_role_and_colour()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var ann = chat.Enter("ann");

        var json = Parse(SocketAnswers.Welcome(ann, MessageId.None, withToken: true));
        var withoutToken = Parse(SocketAnswers.Welcome(ann, MessageId.FromNumber("4"), withToken: false));

        Assert.AreEqual("welcome", json.GetProperty("type").GetString());
        Assert.AreEqual(1, json.GetProperty("protocol").GetInt32());
        Assert.AreEqual(ann.Id, json.GetProperty("session").GetString());
        Assert.AreEqual(ann.BrowserSecret, json.GetProperty("token").GetString());
        Assert.AreEqual("ann", json.GetProperty("user").GetString());
        Assert.AreEqual("user", json.GetProperty("role").GetString());
        Assert.AreEqual("#336699", json.GetProperty("color").GetString());
        Assert.IsFalse(json.TryGetProperty("id", out _), "no id was given");
        Assert.AreEqual(System.Text.Json.JsonValueKind.Null, withoutToken.GetProperty("token").ValueKind);
        Assert.AreEqual("4", withoutToken.GetProperty("id").GetRawText());
    }

    [TestMethod]
    public void Quotes_and_backslashes_are_escaped_and_read_back_as_they_were()
    {
        var (json, text) = ErrorWith("say \"hi\" \\ back");

        Assert.AreEqual("say \"hi\" \\ back", text);
        Assert.IsFalse(json.Contains("\"hi\""), json);
    }

    [TestMethod]
    public void Control_characters_are_escaped_never_written_raw()
    {
        var message = "a\nb\rc\td\u0000e\u001Ff\u007Fg";
        var (json, text) = ErrorWith(message);

        Assert.AreEqual(message, text);
        Assert.IsFalse(json.Any(c => c < 0x20 || c == 0x7F), json);
    }

    [TestMethod]
    public void Line_and_paragraph_separators_are_escaped()
    {
        var (json, text) = ErrorWith("one\u2028two\u2029three");

        Assert.AreEqual("one\u2028two\u2029three", text);
        StringAssert.Contains(json, "one\\u2028two\\u2029three");
    }

    [TestMethod]
    public void A_lone_surrogate_becomes_the_replacement_character()
    {
        var (json, text) = ErrorWith("high \uD800 low \uDC00 end \uD83D");

        Assert.AreEqual("high \uFFFD low \uFFFD end \uFFFD", text);
        Assert.IsFalse(json.Contains("\\uD800", StringComparison.OrdinalIgnoreCase), json);
    }

    [TestMethod]
    public void A_closing_script_tag_cannot_end_a_script_the_answer_is_embedded_in()
    {
        var (json, text) = ErrorWith("</script><script>alert('x')</script> & <!--");

        Assert.AreEqual("</script><script>alert('x')</script> & <!--", text);
        Assert.IsFalse(json.Contains('<') || json.Contains('>') || json.Contains('&') || json.Contains('\''), json);
    }

    [TestMethod]
    public void Letters_of_other_scripts_stay_utf8_and_an_emoji_stays_one_character()
    {
        var (json, text) = ErrorWith("é 中文 ελληνικά 😀");

        Assert.AreEqual("é 中文 ελληνικά 😀", text);
        StringAssert.Contains(json, "é 中文 ελληνικά");
    }

    [TestMethod]
    public void A_string_id_is_escaped_like_any_text()
    {
        var answer = SocketAnswers.Ok(MessageId.FromString("</script>\u2028\"\uDC00"));

        Assert.AreEqual("</script>\u2028\"\uFFFD", Parse(answer).GetProperty("id").GetString());
        Assert.IsFalse(Encoding.UTF8.GetString(answer).Contains("</"));
    }

    private static (string Json, string Text) ErrorWith(string message)
    {
        var answer = SocketAnswers.Error(MessageId.None, new CommandRefusal(RefusalCodes.NotFound, 404, LocalText.Plain(message)));
        return (Encoding.UTF8.GetString(answer), Parse(answer).GetProperty("message").GetString()!);
    }
}
