using System.Text;
using PushChat.Internal.Chat.Commands;
using PushChat.Internal.Chat.Sockets;
using static PushChat.Tests.Sockets.SocketJsonAssert;

namespace PushChat.Tests.Sockets;

/// <summary>Client messages read from untrusted JSON: every type with its fields, and every way a message can be wrong answered with a code, never an exception.</summary>
[TestClass]
public sealed class ClientMessageReaderTests
{
    [TestMethod]
    [DataRow("""{"type":"login","version":1,"name":"bot","password":"secret","room":"Lobby"}""", "Login")]
    [DataRow("""{"type":"register","version":1,"name":"bot","password":"secret"}""", "Register")]
    [DataRow("""{"type":"resume","version":1,"session":"s","token":"t","after":"1:2,3:4"}""", "Resume")]
    [DataRow("""{"type":"hello","version":1}""", "Hello")]
    [DataRow("""{"type":"say","text":"hello","id":1}""", "Say")]
    [DataRow("""{"type":"whisper","to":"ann","text":"psst"}""", "Whisper")]
    [DataRow("""{"type":"act","text":"waves"}""", "Act")]
    [DataRow("""{"type":"command","text":"/topic Roses"}""", "Command")]
    [DataRow("""{"type":"join","room":"Garden"}""", "Join")]
    [DataRow("""{"type":"delete","position":"4398046511104:12"}""", "Delete")]
    [DataRow("""{"type":"ignore","user":"ben","ignore":true}""", "Ignore")]
    [DataRow("""{"type":"color","color":"#00707a"}""", "Color")]
    [DataRow("""{"type":"who"}""", "Who")]
    [DataRow("""{"type":"leave"}""", "Leave")]
    public void Every_message_of_the_protocol_is_read_as_its_type(string json, string type)
    {
        var read = ClientMessageReader.Read(Utf8(json));

        Assert.IsNull(read.Refusal, read.Refusal?.Message?.ToString());
        Assert.AreEqual(Enum.Parse<ClientMessageType>(type), read.Message!.Type);
    }

    [TestMethod]
    public void The_fields_of_each_message_are_read_as_sent()
    {
        var login = ClientMessageReader.Read(Utf8("""{"type":"login","version":1,"name":"bot","password":"secret","room":"Lobby"}""")).Message!;
        var resume = ClientMessageReader.Read(Utf8("""{"type":"resume","session":"s-1","token":"tok","after":"1:2,3:4"}""")).Message!;
        var whisper = ClientMessageReader.Read(Utf8("""{"type":"whisper","to":"ann","text":"psst \"you\""}""")).Message!;
        var unignore = ClientMessageReader.Read(Utf8("""{"type":"ignore","user":"ben","ignore":false}""")).Message!;
        var ignore = ClientMessageReader.Read(Utf8("""{"type":"ignore","user":"ben"}""")).Message!;
        var delete = ClientMessageReader.Read(Utf8("""{"type":"delete","position":"7:12"}""")).Message!;
        var color = ClientMessageReader.Read(Utf8("""{"type":"color","color":"teal"}""")).Message!;
        var join = ClientMessageReader.Read(Utf8("""{"type":"join","room":"Garden"}""")).Message!;

        Assert.AreEqual(("bot", "secret", "Lobby"), (login.Name, login.Password, login.Room));
        Assert.AreEqual(("s-1", "tok", "1:2,3:4"), (resume.Session, resume.Token, resume.After));
        Assert.AreEqual(("ann", "psst \"you\""), (whisper.To, whisper.Text));
        Assert.AreEqual(("ben", false), (unignore.User, unignore.Ignore));
        Assert.IsTrue(ignore.Ignore, "ignore without the flag ignores");
        Assert.AreEqual("7:12", delete.Position);
        Assert.AreEqual("teal", color.Color);
        Assert.AreEqual("Garden", join.Room);
    }

    [TestMethod]
    public void A_login_without_a_password_or_with_a_null_one_is_a_guest_login()
    {
        var absent = ClientMessageReader.Read(Utf8("""{"type":"login","name":"bot"}""")).Message!;
        var nullPassword = ClientMessageReader.Read(Utf8("""{"type":"login","name":"bot","password":null,"room":null}""")).Message!;

        Assert.IsNull(absent.Password);
        Assert.IsNull(nullPassword.Password);
        Assert.IsNull(nullPassword.Room);
    }

    [TestMethod]
    public void Unknown_fields_are_ignored_whatever_they_hold()
    {
        var read = ClientMessageReader.Read(Utf8("""{"type":"say","text":"hi","mood":{"a":[1,2,{"b":null}]},"Text":5}"""));

        Assert.IsNull(read.Refusal, read.Refusal?.Message?.ToString());
        Assert.AreEqual("hi", read.Message!.Text);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow(" ")]
    [DataRow("42")]
    [DataRow("null")]
    [DataRow("\"say\"")]
    [DataRow("[{\"type\":\"say\",\"text\":\"hi\"}]")]
    [DataRow("{")]
    [DataRow("{\"type\":\"say\",\"text\":\"hi\",}")]
    [DataRow("{\"type\":\"say\",\"text\":\"hi\"} {}")]
    [DataRow("{\"type\":\"say\",\"text\":\"hi\"}/* comment */")]
    [DataRow("{'type':'say','text':'hi'}")]
    [DataRow("{\"type\":\"say\",\"text\":\"hi\" \"id\":1}")]
    public void A_message_that_is_not_one_json_object_is_invalid(string json)
    {
        AssertRefused(ClientMessageReader.Read(Utf8(json)), RefusalCodes.Invalid);
    }

    [TestMethod]
    public void Bytes_that_are_not_utf8_are_invalid()
    {
        var bytes = new byte[] { (byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}' };

        AssertRefused(ClientMessageReader.Read(bytes), RefusalCodes.Invalid);
    }

    [TestMethod]
    [DataRow("{}")]
    [DataRow("{\"text\":\"hi\",\"id\":3}")]
    [DataRow("{\"type\":null}")]
    [DataRow("{\"type\":7}")]
    [DataRow("{\"type\":[\"say\"]}")]
    [DataRow("{\"type\":{\"say\":1}}")]
    public void A_message_without_a_string_type_is_invalid(string json)
    {
        AssertRefused(ClientMessageReader.Read(Utf8(json)), RefusalCodes.Invalid);
    }

    [TestMethod]
    [DataRow("{\"type\":\"dance\"}")]
    [DataRow("{\"type\":\"Say\",\"text\":\"hi\"}")]
    [DataRow("{\"type\":\"\"}")]
    [DataRow("{\"type\":\"welcome\"}")]
    public void A_type_the_protocol_does_not_know_is_unknown_type(string json)
    {
        AssertRefused(ClientMessageReader.Read(Utf8(json)), SocketCodes.UnknownType);
    }

    [TestMethod]
    [DataRow("""{"type":"say","text":5}""")]
    [DataRow("""{"type":"say","text":null}""")]
    [DataRow("""{"type":"say","text":["hi"]}""")]
    [DataRow("""{"type":"whisper","to":true,"text":"psst"}""")]
    [DataRow("""{"type":"ignore","user":"ben","ignore":"yes"}""")]
    [DataRow("""{"type":"ignore","user":"ben","ignore":1}""")]
    [DataRow("""{"type":"login","name":{"first":"bot"}}""")]
    [DataRow("""{"type":"login","name":"bot","password":1234}""")]
    [DataRow("""{"type":"join","room":false}""")]
    [DataRow("""{"type":"resume","session":"s","token":"t","after":17}""")]
    [DataRow("""{"type":"delete","position":12}""")]
    [DataRow("""{"type":"color","color":7370}""")]
    public void A_field_of_the_wrong_json_type_is_invalid(string json)
    {
        var read = ClientMessageReader.Read(Utf8(json));

        AssertRefused(read, RefusalCodes.Invalid);
    }

    [TestMethod]
    [DataRow("""{"type":"login"}""")]
    [DataRow("""{"type":"register","name":"bot"}""")]
    [DataRow("""{"type":"resume","session":"s"}""")]
    [DataRow("""{"type":"resume","token":"t"}""")]
    [DataRow("""{"type":"say"}""")]
    [DataRow("""{"type":"whisper","text":"psst"}""")]
    [DataRow("""{"type":"whisper","to":"ann"}""")]
    [DataRow("""{"type":"act"}""")]
    [DataRow("""{"type":"command"}""")]
    [DataRow("""{"type":"join"}""")]
    [DataRow("""{"type":"delete"}""")]
    [DataRow("""{"type":"ignore","ignore":true}""")]
    [DataRow("""{"type":"color"}""")]
    public void A_message_without_a_field_its_type_needs_is_invalid(string json)
    {
        AssertRefused(ClientMessageReader.Read(Utf8(json)), RefusalCodes.Invalid);
    }

    [TestMethod]
    [DataRow("""{"type":"login","version":2,"name":"bot"}""")]
    [DataRow("""{"type":"login","version":0,"name":"bot"}""")]
    [DataRow("""{"type":"login","version":1.5,"name":"bot"}""")]
    [DataRow("""{"type":"hello","version":-1}""")]
    [DataRow("""{"type":"dance","version":2}""")]
    public void A_version_other_than_1_is_unsupported(string json)
    {
        AssertRefused(ClientMessageReader.Read(Utf8(json)), SocketCodes.UnsupportedVersion);
    }

    [TestMethod]
    public void Version_1_written_any_way_and_no_version_at_all_are_accepted_but_a_version_that_is_not_a_number_is_invalid()
    {
        Assert.IsNull(ClientMessageReader.Read(Utf8("""{"type":"hello","version":1}""")).Refusal);
        Assert.IsNull(ClientMessageReader.Read(Utf8("""{"type":"hello","version":1.0}""")).Refusal);
        Assert.IsNull(ClientMessageReader.Read(Utf8("""{"type":"hello"}""")).Refusal);
        AssertRefused(ClientMessageReader.Read(Utf8("""{"type":"hello","version":"1"}""")), RefusalCodes.Invalid);
    }

    [TestMethod]
    [DataRow("""{"type":"say","text":"hi","id":1}""", "1")]
    [DataRow("""{"type":"say","text":"hi","id":1.50}""", "1.50")]
    [DataRow("""{"type":"say","text":"hi","id":-2e3}""", "-2e3")]
    [DataRow("""{"type":"say","text":"hi","id":123456789012345678901234567890}""", "123456789012345678901234567890")]
    [DataRow("""{"type":"say","text":"hi","id":"a-7"}""", "\"a-7\"")]
    [DataRow("""{"type":"say","text":"hi","id":""}""", "\"\"")]
    [DataRow("""{"id":"x","type":"dance"}""", "\"x\"")]
    [DataRow("""{"id":9,"type":"say"}""", "9")]
    [DataRow("""{"type":"say","text":"hi"}""", "null")]
    [DataRow("""{"type":"say","text":"hi","id":null}""", "null")]
    public void The_id_is_read_as_written_also_from_a_refused_message(string json, string id)
    {
        var read = ClientMessageReader.Read(Utf8(json));

        Assert.AreEqual(id, IdOf(SocketAnswers.Ok(read.Id)));
    }

    [TestMethod]
    [DataRow("""{"type":"say","text":"hi","id":true}""")]
    [DataRow("""{"type":"say","text":"hi","id":[1]}""")]
    [DataRow("""{"type":"say","text":"hi","id":{"n":1}}""")]
    public void An_id_that_is_neither_a_string_nor_a_number_is_invalid(string json)
    {
        var read = ClientMessageReader.Read(Utf8(json));

        AssertRefused(read, RefusalCodes.Invalid);
        Assert.IsTrue(read.Id.IsNone);
    }

    [TestMethod]
    public void An_id_longer_than_the_limit_is_invalid()
    {
        var longest = new string('a', ClientMessageReader.MaxIdLength);
        var accepted = ClientMessageReader.Read(Utf8($"{{\"type\":\"who\",\"id\":\"{longest}\"}}"));
        var refused = ClientMessageReader.Read(Utf8($"{{\"type\":\"who\",\"id\":\"{longest}a\"}}"));
        var longNumber = ClientMessageReader.Read(Utf8($"{{\"type\":\"who\",\"id\":1{new string('0', ClientMessageReader.MaxIdLength)}}}"));

        Assert.IsNull(accepted.Refusal);
        AssertRefused(refused, RefusalCodes.Invalid);
        AssertRefused(longNumber, RefusalCodes.Invalid);
    }

    [TestMethod]
    public void Nesting_up_to_the_limit_is_read_and_one_level_more_is_invalid()
    {
        // The message itself is the first level.
        static string Nested(int levels) => $"{{\"type\":\"who\",\"extra\":{new string('[', levels - 1)}{new string(']', levels - 1)}}}";

        Assert.IsNull(ClientMessageReader.Read(Utf8(Nested(ClientMessageReader.MaxDepth))).Refusal);
        AssertRefused(ClientMessageReader.Read(Utf8(Nested(ClientMessageReader.MaxDepth + 1))), RefusalCodes.Invalid);
    }

    [TestMethod]
    public void A_tower_of_brackets_filling_a_whole_message_is_invalid_without_an_exception()
    {
        var tower = new string('[', 32 * 1024) + new string(']', 32 * 1024);
        var objects = string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000);

        AssertRefused(ClientMessageReader.Read(Utf8(tower)), RefusalCodes.Invalid);
        AssertRefused(ClientMessageReader.Read(Utf8(objects)), RefusalCodes.Invalid);
    }

    [TestMethod]
    [DataRow("""{"type":"say","text":"hi","type":"leave"}""")]
    [DataRow("""{"type":"say","text":"hi","text":"bye"}""")]
    [DataRow("""{"type":"say","text":"hi","id":1,"id":2}""")]
    public void A_field_sent_twice_is_invalid_rather_than_either_value(string json)
    {
        AssertRefused(ClientMessageReader.Read(Utf8(json)), RefusalCodes.Invalid);
    }

    [TestMethod]
    public void Text_with_an_escaped_lone_surrogate_is_invalid_and_a_surrogate_pair_is_text()
    {
        var lone = ClientMessageReader.Read(Utf8("""{"type":"say","text":"a\ud800b"}"""));
        var pair = ClientMessageReader.Read(Utf8("""{"type":"say","text":"a\ud83d\ude00b"}"""));

        AssertRefused(lone, RefusalCodes.Invalid);
        Assert.AreEqual("a\U0001F600b", pair.Message!.Text);
    }

    [TestMethod]
    public void Escapes_and_utf8_in_strings_are_read_as_the_text_they_stand_for()
    {
        var read = ClientMessageReader.Read(Encoding.UTF8.GetBytes("{\"type\":\"say\",\"text\":\"\\u003c/script\\u003e \\\"q\\\" \\\\ \\n é 中\"}"));

        Assert.AreEqual("</script> \"q\" \\ \n é 中", read.Message!.Text);
    }

    private static void AssertRefused(ClientMessageRead read, string code)
    {
        Assert.IsNull(read.Message, "refused messages carry no message");
        Assert.IsNotNull(read.Refusal);
        Assert.AreEqual(code, read.Refusal.Code, read.Refusal.Message.ToString());
        Assert.AreEqual(400, read.Refusal.StatusCode);
        Assert.IsFalse(string.IsNullOrWhiteSpace(read.Refusal.Message.ToString()));
    }
}
