using System.Text.Json;
using PushChat.Users;

namespace PushChat.Tests.Users;

/// <summary>The account file's own reader and writer, against System.Text.Json as the reference.</summary>
[TestClass]
public sealed class UserFileTests
{
    [TestMethod]
    public void What_is_written_reads_back_and_is_json_by_the_reference_parser()
    {
        UserAccount[] accounts =
        [
            new("dora", "pbkdf2-sha256$1$a$b", ChatRole.Admin, "#010203"),
            new("tab\there \"quoted\" back\\slash \u0001 ctl 😀 émoji", "h", ChatRole.User, null),
        ];

        var text = UserFile.Write(accounts);
        var read = UserFile.Read(text);

        Assert.AreEqual(2, read.Count);
        for (var i = 0; i < accounts.Length; i++)
        {
            Assert.AreEqual(accounts[i].Name, read[i].Name);
            Assert.AreEqual(accounts[i].PasswordHash, read[i].PasswordHash);
            Assert.AreEqual(accounts[i].Role, read[i].Role);
            Assert.AreEqual(accounts[i].Color, read[i].Color);
        }

        using var reference = JsonDocument.Parse(text);
        Assert.AreEqual(accounts[1].Name, reference.RootElement.GetProperty("accounts")[1].GetProperty("name").GetString());
    }

    [TestMethod]
    public void An_empty_list_and_escapes_written_by_other_tools_are_read()
    {
        Assert.AreEqual(0, UserFile.Read("{\"accounts\":[],\"version\":1}").Count);
        var read = UserFile.Read("\uFEFF{ \"version\" : 1 ,\r\n \"accounts\" : [ {\"role\":\"User\",\"passwordHash\":\"h\",\"name\":\"d\\u00f6ra\\/x\",\"color\":null} ] }");
        Assert.AreEqual("döra/x", read[0].Name);
        Assert.IsNull(read[0].Color);
    }

    [TestMethod]
    [DataRow("", "line 1, position 1: expected '{'")]
    [DataRow("{\"version\": 1}", "needs both")]
    [DataRow("{\"version\": 2, \"accounts\": []}", "format version 2 is not supported")]
    [DataRow("{\"version\": 01, \"accounts\": []}", "whole number")]
    [DataRow("{\"version\": 1.0, \"accounts\": []}", "fraction")]
    [DataRow("{\"version\": 1, \"accounts\": [], \"version\": 1}", "\"version\" appears twice")]
    [DataRow("{\"version\": 1, \"accounts\": []} x", "expected the end of the file")]
    [DataRow("{\"version\": 1, \"accounts\": [],}", "expected a field name")]
    [DataRow("{\"version\": 1, \"accounts\": [], \"extra\": 1}", "\"extra\" is not a field of the file")]
    [DataRow("{\"version\": 1, \"accounts\": [{\"name\": \"d\", \"passwordHash\": \"h\"}]}", "an account needs")]
    [DataRow("{\"version\": 1, \"accounts\": [{\"name\": \"d\", \"passwordHash\": \"h\", \"role\": \"Root\"}]}", "'Root' is not a role")]
    [DataRow("{\"version\": 1, \"accounts\": [{\"name\": \"d\", \"passwordHash\": \"h\", \"role\": \"User\", \"banned\": true}]}", "\"banned\" is not a field of an account")]
    [DataRow("{\"version\": 1, \"accounts\": [{\"name\": \"\", \"passwordHash\": \"h\", \"role\": \"User\"}]}", "name is empty")]
    [DataRow("{\"version\": 1, \"accounts\": [{\"name\": \"d\", \"passwordHash\": \"h\", \"role\": \"User\"}, {\"name\": \"D\", \"passwordHash\": \"h\", \"role\": \"User\"}]}", "'D' appears twice")]
    [DataRow("{\"version\": 1, \"accounts\": [{\"name\": \"a\nb\", \"passwordHash\": \"h\", \"role\": \"User\"}]}", "line 1, position 40: a control character")]
    [DataRow("{\"version\": 1, \"accounts\": [{\"name\": \"\\x\", \"passwordHash\": \"h\", \"role\": \"User\"}]}", "'\\x' is not a JSON escape")]
    [DataRow("{\"version\": 1, \"accounts\": [{\"name\": \"\\u12g4\", \"passwordHash\": \"h\", \"role\": \"User\"}]}", "four hexadecimal digits")]
    [DataRow("{\"version\": 1, \"accounts\": [{\"name\": \"open", "ends inside a string")]
    [DataRow("{\"version\": 1, \"accounts\": [{\"name\": \"\\ud800\", \"passwordHash\": \"h\", \"role\": \"User\"}]}", "line 1, position 39: \\ud800 is half of a character")]
    [DataRow("{\"version\": 1, \"accounts\": [{\"name\": \"a\\udc00\", \"passwordHash\": \"h\", \"role\": \"User\"}]}", "\\udc00 is half of a character")]
    [DataRow("{\"version\": 1, \"accounts\": [{\"name\": \"\\ud83d\\u0041\", \"passwordHash\": \"h\", \"role\": \"User\"}]}", "\\ud83d is half of a character")]
    [DataRow("{\"version\": 1, \"accounts\": [{\"name\": \"d\", \"passwordHash\": \"\\ud800\", \"role\": \"User\"}]}", "half of a character")]
    [DataRow("{\"version\": 1, \"accounts\": [{\"name\": \"d\", \"passwordHash\": \"h\", \"role\": \"User\", \"color\": nul}]}", "expected null")]
    public void Anything_outside_the_format_is_refused_with_its_place(string text, string expected)
    {
        var error = Assert.ThrowsExactly<InvalidDataException>(() => UserFile.Read(text));
        StringAssert.Contains(error.Message, expected);
        StringAssert.StartsWith(error.Message, "line ");
    }

    [TestMethod]
    public void A_lone_surrogate_in_the_text_itself_is_refused_with_its_place()
    {
        var error = Assert.ThrowsExactly<InvalidDataException>(() => UserFile.Read("{\"version\": 1, \"accounts\": [{\"name\": \"a\ud800\", \"passwordHash\": \"h\", \"role\": \"User\"}]}"));
        StringAssert.Contains(error.Message, "line 1, position 40: ");
        StringAssert.Contains(error.Message, "half of a character");
    }

    [TestMethod]
    public void An_escaped_pair_of_surrogates_is_one_character()
    {
        var read = UserFile.Read("{\"version\": 1, \"accounts\": [{\"name\": \"a\\ud83d\\ude00\", \"passwordHash\": \"h\", \"role\": \"User\"}]}");
        Assert.AreEqual("a\U0001F600", read[0].Name);
    }

    /// <summary>
    /// Hundreds of damaged copies of a valid file, the same ones on every run: each is either read
    /// or refused with the documented error and its place; nothing else may escape.
    /// </summary>
    [TestMethod]
    public void Damaged_files_are_read_or_refused_with_their_place_and_nothing_else()
    {
        var valid = UserFile.Write(
        [
            new UserAccount("dora", "pbkdf2-sha256$1000$a$b", ChatRole.Admin, "#010203"),
            new UserAccount("zo\u00eb \"q\" \\ \t 😀", "h", ChatRole.User, null),
            new UserAccount("小明", "h2", ChatRole.User, "#ffffff"),
        ]);
        string[] pieces = ["\\ud800", "\\udc00", "\\ud83d", "\\u", "\\", "\"", "{", "}", "[", "]", ",", ":", "null", "0", "1", "-", "\n", "\u0000", "\ud800", "\udc00", "\uFEFF", "\u0130", "\u212A", "ｄ", "е", " "];
        var random = new Random(20261207);
        var read = 0;

        for (var i = 0; i < 600; i++)
        {
            var text = valid;
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(text.Length + 1);
                text = random.Next(4) switch
                {
                    0 => text.Insert(at, pieces[random.Next(pieces.Length)]),
                    1 when at < text.Length => text.Remove(at, Math.Min(random.Next(1, 6), text.Length - at)),
                    2 when at < text.Length => text.Remove(at, 1).Insert(at, pieces[random.Next(pieces.Length)]),
                    _ => text[..at],
                };
            }

            try
            {
                var accounts = UserFile.Read(text);
                read++;
                var again = UserFile.Read(UserFile.Write(accounts));
                Assert.AreEqual(accounts.Count, again.Count, text);
            }
            catch (InvalidDataException ex)
            {
                StringAssert.StartsWith(ex.Message, "line ", text);
            }
            catch (Exception ex)
            {
                Assert.Fail($"{ex.GetType().Name} escaped for {JsonEncoded(text)}: {ex.Message}");
            }
        }

        Assert.IsTrue(read < 600, "some damage was found");
    }

    [TestMethod]
    public void A_file_written_by_the_earlier_writer_is_read()
    {
        const string Earlier = "{\n  \"version\": 1,\n  \"accounts\": [\n"
            + "    { \"name\": \"dora\", \"passwordHash\": \"pbkdf2-sha256$1$a$b\", \"role\": \"Admin\", \"color\": \"#010203\" },\n"
            + "    { \"name\": \"t\\tq\\\"b\\\\ \\u0001 \\ud83d\\ude00 \u00e9\", \"passwordHash\": \"h\", \"role\": \"User\" }\n  ]\n}\n";

        var read = UserFile.Read(Earlier);

        Assert.AreEqual(2, read.Count);
        Assert.AreEqual("#010203", read[0].Color);
        Assert.AreEqual("t\tq\"b\\ \u0001 \U0001F600 \u00e9", read[1].Name);
        Assert.IsNull(read[1].Color);
    }

    [TestMethod]
    public void The_file_keeps_one_account_a_line_and_each_is_the_journal_record()
    {
        UserAccount[] accounts = [new("dora", "h1", ChatRole.Admin, "#010203"), new("zo\u00eb 小明 😀 \"q\"", "h2", ChatRole.User, null)];

        var lines = UserFile.Write(accounts).Split('\n');

        Assert.AreEqual("{", lines[0]);
        Assert.AreEqual(UserFile.WriteRecord(accounts[0]).TrimEnd('\n') + ",", lines[3].Trim());
        Assert.AreEqual(UserFile.WriteRecord(accounts[1]).TrimEnd('\n'), lines[4].Trim());
        StringAssert.Contains(lines[4], "zo\u00eb 小明", "letters stay readable in the file");
        Assert.AreEqual(accounts[1].Name, UserFile.ReadRecord(lines[4].Trim(), 5).Name);
    }

    [TestMethod]
    public void Deep_nesting_is_refused_at_its_start()
    {
        var text = "{\"version\": 1, \"accounts\": [" + new string('[', 100_000);

        var error = Assert.ThrowsExactly<InvalidDataException>(() => UserFile.Read(text));

        StringAssert.StartsWith(error.Message, "line 1, position 29: ");
    }

    [TestMethod]
    [DataRow("{\"version\": 1, \"\\ud800\": 1, \"accounts\": []}", "line 1, position 17: \\ud800 is half of a character")]
    [DataRow("{\"version\": 1, \"accounts\": [{\"name\": \"d\", \"passwordHash\": \"h\", \"role\": \"User\", \"color\": \"\\udfff\"}]}", "position 90: \\udfff is half of a character")]
    [DataRow("{\"version\": 1, \"accounts\": [{\"name\": \"\\ud83d\u00e9\", \"passwordHash\": \"h\", \"role\": \"User\"}]}", "position 39: \\ud83d is half of a character")]
    [DataRow("{\"version\": 1, \"accounts\": [{\"name\": \"\u00e9\\ud83d\", \"passwordHash\": \"h\", \"role\": \"User\"}]}", "position 40: \\ud83d is half of a character")]
    [DataRow("{\"version\": 1, \"accounts\": [{\"name\": \"小\\x\", \"passwordHash\": \"h\", \"role\": \"User\"}]}", "line 1, position 40: '\\x' is not a JSON escape")]
    [DataRow("{\"version\": 1,\r\n \"accounts\": [{\"name\": \"小明\" \"role\": \"User\"}]}", "line 2, position 29: ")]
    [DataRow("{\"version\": -1, \"accounts\": []}", "whole number")]
    [DataRow("{\"version\": 1234567890, \"accounts\": []}", "whole number")]
    [DataRow("{\"version\": 1, \"accounts\": [{\"name\": \"d\", \"passwordHash\": \"h\", \"role\": \"User\", \"color\": tru}]}", "expected true")]
    [DataRow("{\"version\": 1, \"accounts\": [{\"name\": \"d\", \"passwordHash\": \"h\", \"role\": \"User\"},]}", "expected an account")]
    [DataRow("{\"version\": 1, \"accounts\": [{\"name\": \"d\", \"passwordHash\": \"h\", \"role\": \"User\"}] /* note */}", "line 1, position 81: ")]
    public void Escapes_surrogates_and_places_are_reported_as_editors_count_them(string text, string expected)
    {
        var error = Assert.ThrowsExactly<InvalidDataException>(() => UserFile.Read(text));
        StringAssert.Contains(error.Message, expected);
        StringAssert.StartsWith(error.Message, "line ");
    }

    private static string JsonEncoded(string text) => JsonSerializer.Serialize(text);
}
