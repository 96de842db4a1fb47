using System.Net;
using System.Text;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Push;
using PushChat.Localization;

namespace PushChat.Tests.ScaleOut;

/// <summary>
/// Every change travels through the backplane as bytes and must come back as the same change on
/// every node; a damaged row is refused with a clear reason, never applied half-read.
/// </summary>
[TestClass]
public sealed class ChangeCodecTests
{
    private static readonly DateTimeOffset BackplaneTime = new(2026, 12, 7, 15, 30, 0, TimeSpan.Zero);

    private static IEnumerable<Type> ChangeTypes() =>
        typeof(ChatChange).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(ChatChange).IsAssignableFrom(type))
            .OrderBy(type => type.Name, StringComparer.Ordinal);

    [TestMethod]
    public void Every_change_type_has_a_sample()
    {
        var sampled = ChangeSamples.All.Select(sample => sample.GetType()).ToHashSet();
        var missing = ChangeTypes().Where(type => !sampled.Contains(type)).Select(type => type.Name).ToList();

        Assert.AreEqual(0, missing.Count, "No sample in ChangeSamples for: " + string.Join(", ", missing));
        Assert.AreEqual(ChangeSamples.All.Count, sampled.Count, "one sample per change type");
    }

    [TestMethod]
    public void Every_property_of_every_sample_differs_from_its_default()
    {
        var defaults = new List<string>();
        foreach (var sample in ChangeSamples.All)
        {
            foreach (var property in ChangeComparison.CarriedProperties(sample.GetType()))
            {
                var value = property.GetValue(sample);
                var type = property.PropertyType;
                var isDefault = value is null
                    || (type.IsValueType && Nullable.GetUnderlyingType(type) is null && value.Equals(Activator.CreateInstance(type)))
                    || (value is string text && text.Length == 0)
                    || (value is System.Collections.ICollection { Count: 0 });
                if (isDefault)
                {
                    defaults.Add($"{sample.GetType().Name}.{property.Name}");
                }
            }
        }

        Assert.AreEqual(0, defaults.Count, "Set these to something other than the default, or a dropped property goes unnoticed: " + string.Join(", ", defaults));
    }

    [TestMethod]
    public void Every_change_comes_back_with_every_property()
    {
        var failures = new List<string>();
        foreach (var sample in ChangeSamples.All)
        {
            var name = sample.GetType().Name;
            try
            {
                var decoded = ChangeCodec.Decode(ChangeCodec.Encode(sample), BackplaneTime);
                failures.AddRange(ChangeComparison.Differences(sample, decoded).Select(difference => $"{name}.{difference}"));
            }
            catch (Exception ex) when (ex is not AssertFailedException)
            {
                failures.Add($"{name}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        Assert.AreEqual(0, failures.Count, string.Join(Environment.NewLine, failures));
    }

    [TestMethod]
    public void The_comparison_sees_a_changed_property()
    {
        // The round trip above is only as good as the comparison: it must see each kind of change.
        var posted = (LinePosted)ChangeSamples.All.Single(sample => sample is LinePosted);

        Assert.AreNotEqual(0, ChangeComparison.Differences(posted, posted with { Audience = LineAudience.Sessions("s1") }).Count);
        Assert.AreNotEqual(0, ChangeComparison.Differences(posted, posted with { Notice = LocalText.Of(posted.Notice!.Key, ("name", "Ann")) }).Count);
        Assert.AreNotEqual(0, ChangeComparison.Differences(posted, posted with { Notice = LocalText.Of(posted.Notice!.Key, [.. posted.Notice.Arguments.Select(a => a.Value is int n ? (a.Name, (object?)(long)n) : a)]) }).Count);
        Assert.AreNotEqual(0, ChangeComparison.Differences(new SessionsSeen("n", ["a", "b"]), new SessionsSeen("n", ["b", "a"])).Count);
        Assert.AreEqual(0, ChangeComparison.Differences(posted, posted with { At = BackplaneTime }).Count, "At is the backplane's, not compared");
    }

    [TestMethod]
    public void A_room_line_comes_back_as_the_room_audience_itself()
    {
        var posted = new LinePosted("Lobby", ChatMessageKind.Public, "Ann", "#123456", "hi", LineAudience.Room);

        var decoded = (LinePosted)ChangeCodec.Decode(ChangeCodec.Encode(posted), BackplaneTime);

        Assert.AreSame(LineAudience.Room, decoded.Audience);
        Assert.IsNull(decoded.Notice);
        Assert.IsNull(decoded.Target);
    }

    [TestMethod]
    public void An_IPv4_address_comes_back_as_IPv4()
    {
        var started = new SessionStarted("s", "Ann", ChatRole.Guest, "#000000", IPAddress.Parse("203.0.113.9"), "Lobby");

        var decoded = (SessionStarted)ChangeCodec.Decode(ChangeCodec.Encode(started), BackplaneTime);

        Assert.AreEqual(IPAddress.Parse("203.0.113.9"), decoded.RemoteAddress);
        Assert.AreEqual(started.BrowserSecret, decoded.BrowserSecret, "the secret drawn by the appender, not a new draw");
        Assert.IsNull(decoded.Language);
    }

    [TestMethod]
    public void The_time_is_the_backplanes_and_is_not_encoded()
    {
        var early = new SessionJoined("s") { At = BackplaneTime.AddHours(-1) };
        var late = early with { At = BackplaneTime.AddHours(1) };

        CollectionAssert.AreEqual(ChangeCodec.Encode(early), ChangeCodec.Encode(late));
        Assert.AreEqual(BackplaneTime, ChangeCodec.Decode(ChangeCodec.Encode(early), BackplaneTime).At);
    }

    [TestMethod]
    public void An_unknown_change_type_is_refused_by_its_name()
    {
        var ex = Assert.ThrowsExactly<FormatException>(() => ChangeCodec.Decode("{\"t\":\"fromTheFuture\",\"x\":1}"u8, BackplaneTime));

        StringAssert.Contains(ex.Message, "fromTheFuture");
        StringAssert.Contains(ex.Message, "unknown");
    }

    [TestMethod]
    [DataRow("", DisplayName = "empty")]
    [DataRow("hello", DisplayName = "not JSON")]
    [DataRow("[1,2]", DisplayName = "an array")]
    [DataRow("\"line\"", DisplayName = "a string")]
    [DataRow("{}", DisplayName = "no type")]
    [DataRow("{\"t\":5}", DisplayName = "a type that is a number")]
    [DataRow("{\"sessionId\":\"s\",\"t\":\"join\"}", DisplayName = "type not first")]
    [DataRow("{\"t\":\"join\"}", DisplayName = "missing field")]
    [DataRow("{\"t\":\"join\",\"sessionId\":null}", DisplayName = "null for a required text")]
    [DataRow("{\"t\":\"join\",\"sessionId\":5}", DisplayName = "number for a text")]
    [DataRow("{\"t\":\"join\",\"sessionId\":\"s\",\"extra\":1}", DisplayName = "unknown field")]
    [DataRow("{\"t\":\"join\",\"sessionId\":\"s\",\"at\":\"2026-12-07T15:00:00Z\"}", DisplayName = "a time of its own")]
    [DataRow("{\"t\":\"join\",\"sessionId\":\"s\"} trailing", DisplayName = "trailing bytes")]
    [DataRow("{\"t\":\"role\",\"userName\":\"Ben\",\"role\":\"Emperor\"}", DisplayName = "unknown enum name")]
    [DataRow("{\"t\":\"role\",\"userName\":\"Ben\",\"role\":2}", DisplayName = "enum as number")]
    [DataRow("{\"t\":\"unban\",\"bySessionId\":null,\"userName\":\"Ben\",\"address\":\"not-an-address\"}", DisplayName = "bad address")]
    [DataRow("{\"t\":\"unban\",\"bySessionId\":null,\"userName\":\"Ben\",\"address\":\"1\"}", DisplayName = "address in short form")]
    [DataRow("{\"t\":\"notice\",\"sessionId\":\"s\",\"text\":5}", DisplayName = "number for a local text")]
    [DataRow("{\"t\":\"notice\",\"sessionId\":\"s\",\"text\":{\"k\":\"key\",\"a\":[{\"n\":\"x\",\"q\":1}]}}", DisplayName = "unknown argument kind")]
    [DataRow("{\"t\":\"notice\",\"sessionId\":\"s\",\"text\":{\"k\":\"key\",\"a\":[{\"n\":\"x\",\"i\":5000000000}]}}", DisplayName = "int argument too big")]
    [DataRow("{\"t\":\"notice\",\"sessionId\":\"s\",\"text\":{\"a\":[]}}", DisplayName = "text without key")]
    [DataRow("{\"t\":\"notice\",\"sessionId\":\"s\",\"text\":{\"k\":\"key\",\"a\":{}}}", DisplayName = "arguments not a list")]
    [DataRow("{\"t\":\"notice\",\"sessionId\":\"s\",\"text\":{\"k\":\"key\"}}", DisplayName = "text without arguments")]
    [DataRow("{\"t\":\"notice\",\"sessionId\":\"s\",\"text\":{\"k\":\"key\",\"k\":\"again\",\"a\":[]}}", DisplayName = "text with two keys")]
    [DataRow("{\"t\":\"notice\",\"sessionId\":\"s\",\"text\":{\"k\":\"key\",\"a\":[{\"s\":\"x\"}]}}", DisplayName = "argument without name")]
    [DataRow("{\"t\":\"notice\",\"sessionId\":\"s\",\"text\":{\"k\":\"key\",\"a\":[{\"n\":\"x\",\"s\":\"a\",\"i\":1}]}}", DisplayName = "argument with two values")]
    [DataRow("{\"t\":\"mute\",\"bySessionId\":null,\"userName\":\"Ben\",\"duration\":\"soon\",\"reason\":null}", DisplayName = "bad duration")]
    [DataRow("{\"t\":\"seen\",\"node\":\"n\",\"sessionIds\":[\"a\",null]}", DisplayName = "null in a list")]
    [DataRow("{\"t\":\"seen\",\"node\":\"n\",\"sessionIds\":\"a\"}", DisplayName = "text for a list")]
    public void A_damaged_payload_is_refused_with_a_format_exception(string payload)
    {
        var ex = Assert.ThrowsExactly<FormatException>(() => ChangeCodec.Decode(Encoding.UTF8.GetBytes(payload), BackplaneTime));

        StringAssert.StartsWith(ex.Message, "A change read from the backplane");
    }

    [TestMethod]
    public void A_whisper_to_nobody_is_refused()
    {
        var payload = ChangeCodec.Encode(new LinePosted("Lobby", ChatMessageKind.Whisper, "Ann", null, "hi", LineAudience.Sessions("s1")));
        var damaged = Encoding.UTF8.GetString(payload).Replace("[\"s1\"]", "[null]", StringComparison.Ordinal);

        Assert.ThrowsExactly<FormatException>(() => ChangeCodec.Decode(Encoding.UTF8.GetBytes(damaged), BackplaneTime));
    }

    [TestMethod]
    public void Deeply_nested_texts_are_refused_not_overflowed()
    {
        var deep = new StringBuilder("{\"t\":\"notice\",\"sessionId\":\"s\",\"text\":");
        for (var i = 0; i < 10_000; i++)
        {
            deep.Append("{\"k\":\"key\",\"a\":[{\"n\":\"x\",\"t\":");
        }

        Assert.ThrowsExactly<FormatException>(() => ChangeCodec.Decode(Encoding.UTF8.GetBytes(deep.ToString()), BackplaneTime));
    }

    [TestMethod]
    public void Every_cut_and_every_flipped_byte_of_every_sample_decodes_or_is_refused_cleanly()
    {
        foreach (var sample in ChangeSamples.All)
        {
            var payload = ChangeCodec.Encode(sample);
            for (var length = 0; length < payload.Length; length++)
            {
                Assert.ThrowsExactly<FormatException>(() => ChangeCodec.Decode(payload.AsSpan(0, length), BackplaneTime), $"{sample.GetType().Name} cut at {length}");
            }

            foreach (var flip in new byte[] { 0x00, (byte)'"', (byte)'{', (byte)']', (byte)'1', 0xC3, 0xFF })
            {
                for (var at = 0; at < payload.Length; at++)
                {
                    var damaged = (byte[])payload.Clone();
                    damaged[at] = flip;
                    try
                    {
                        ChangeCodec.Decode(damaged, BackplaneTime);
                    }
                    catch (FormatException)
                    {
                        // Refused cleanly; any other exception fails the test.
                    }
                }
            }
        }
    }

    [TestMethod]
    public void The_written_form_stays_as_other_versions_read_it()
    {
        // Nodes of two versions share one backplane during an upgrade: a renamed field or kind is a refused row there.
        var started = new SessionStarted("s1", "Zoë", ChatRole.User, "#abcdef", IPAddress.Parse("2001:db8::1"), "Lobby") { BrowserSecret = "secret", Language = null };
        var posted = new LinePosted("Lobby", ChatMessageKind.Public, "Zoë", null, "hi", LineAudience.Room) { Notice = LocalText.Of("joined", ("name", "Zoë"), ("count", 2), ("list", LocalText.Plain("x"))) };

        Assert.AreEqual(
            "{\"t\":\"start\",\"sessionId\":\"s1\",\"userName\":\"Zoë\",\"role\":\"User\",\"color\":\"#abcdef\",\"remoteAddress\":\"2001:db8::1\",\"room\":\"Lobby\",\"browserSecret\":\"secret\",\"language\":null}",
            Encoding.UTF8.GetString(ChangeCodec.Encode(started)));
        Assert.AreEqual(
            "{\"t\":\"line\",\"room\":\"Lobby\",\"kind\":\"Public\",\"sender\":\"Zoë\",\"senderColor\":null,\"text\":\"hi\",\"audience\":\"room\",\"senderSessionId\":null,\"target\":null,\"targetSessionId\":null,\"topic\":null,"
            + "\"notice\":{\"k\":\"joined\",\"a\":[{\"n\":\"name\",\"s\":\"Zoë\"},{\"n\":\"count\",\"i\":2},{\"n\":\"list\",\"t\":\"x\"}]}}",
            Encoding.UTF8.GetString(ChangeCodec.Encode(posted)));
    }

    [TestMethod]
    public void A_text_reads_the_same_with_its_fields_in_another_order()
    {
        // As a store keeping JSON as a document (PostgreSQL jsonb) gives it back: shorter keys first, then by bytes.
        var reordered = "{\"t\":\"notice\",\"text\":{\"a\":[{\"i\":2,\"n\":\"count\"},{\"n\":\"who\",\"t\":{\"a\":[],\"k\":\"inner\"}}],\"k\":\"key\"},\"sessionId\":\"s\"}"u8;
        var expected = new NoticeSent("s", LocalText.Of("key", ("count", 2), ("who", LocalText.Of("inner"))));

        var decoded = ChangeCodec.Decode(reordered, BackplaneTime);

        Assert.AreEqual(0, ChangeComparison.Differences(expected, decoded).Count, string.Join(", ", ChangeComparison.Differences(expected, decoded)));
    }

    [TestMethod]
    public void Text_with_a_broken_surrogate_still_travels()
    {
        var posted = new LinePosted("Lobby", ChatMessageKind.Public, "Ann", null, "a\ud800b", LineAudience.Room);

        var decoded = (LinePosted)ChangeCodec.Decode(ChangeCodec.Encode(posted), BackplaneTime);

        Assert.AreEqual(3, decoded.Text.Length);
    }
}
