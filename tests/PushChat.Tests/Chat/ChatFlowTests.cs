using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Chat;

[TestClass]
public sealed class ChatFlowTests
{
    [TestMethod]
    public async Task Two_users_receive_each_line_in_order_on_their_open_chat_frames()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var alice = await chat.LoginAsync("alice");
        var bob = await chat.LoginAsync("bob");
        await using var aliceChat = await chat.OpenChatAsync(alice, "alice joined.");
        await using var bobChat = await chat.OpenChatAsync(bob, "bob joined.");

        Assert.AreEqual(303, (await chat.SayAsync(alice, "first")).Status);
        Assert.AreEqual(303, (await chat.SayAsync(bob, "second <b>bold</b>")).Status);

        foreach (var reader in new[] { aliceChat, bobChat })
        {
            var text = await reader.ReadStreamUntilAsync("second");
            StringAssert.Contains(text, "&lt;b&gt;bold&lt;/b&gt;");
            Assert.IsTrue(text.IndexOf("first", StringComparison.Ordinal) < text.IndexOf("second", StringComparison.Ordinal), text);
        }
    }

    [TestMethod]
    public async Task Lines_carry_increasing_sequence_numbers_per_room()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var alice = await chat.LoginAsync("alice");
        await using var reader = await chat.OpenChatAsync(alice, "data-seq=\"1\"");
        await chat.SayAsync(alice, "one");
        await chat.SayAsync(alice, "two");

        var text = await reader.ReadStreamUntilAsync("two");

        StringAssert.Contains(text, "data-room=\"Lobby\" data-seq=\"2\"><time>12:00</time> <b");
        Assert.IsTrue(text.IndexOf("data-seq=\"2\"", StringComparison.Ordinal) < text.IndexOf("data-seq=\"3\"", StringComparison.Ordinal));
        Assert.AreEqual(3, chat.Server.Rooms.Single().LastSequence);
    }

    [TestMethod]
    public async Task Opening_the_chat_replays_the_last_lines_of_history_then_continues_live()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.HistoryLength = 5);
        for (var i = 1; i <= 8; i++)
        {
            chat.Server.PostNotice($"notice {i}.");
        }

        var bob = await chat.LoginAsync("bob");
        await using var reader = await chat.OpenChatAsync(bob, "bob joined.");
        chat.Server.PostNotice("live line.");
        var text = await reader.ReadStreamUntilAsync("live line.");

        Assert.IsFalse(text.Contains("notice 3.", StringComparison.Ordinal), "only the last five lines are replayed");
        for (var i = 4; i <= 8; i++)
        {
            StringAssert.Contains(text, $"notice {i}.");
        }

        Assert.IsTrue(text.IndexOf("notice 8.", StringComparison.Ordinal) < text.IndexOf("bob joined.", StringComparison.Ordinal));
    }

    [TestMethod]
    public async Task The_chat_stream_is_utf8_html_that_proxies_must_not_buffer()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var alice = await chat.LoginAsync("alice");
        await using var client = await chat.ConnectAsync();
        await client.SendAsync(ChatTestServer.Get($"/chat?sid={alice}"));

        var head = await client.ReadResponseAsync();

        Assert.AreEqual("text/html; charset=utf-8", head.Headers["Content-Type"]);
        Assert.AreEqual("chunked", head.Headers["Transfer-Encoding"]);
        Assert.AreEqual("no", head.Headers["X-Accel-Buffering"]);
        StringAssert.Contains(head.Headers["Cache-Control"], "no-transform");
        Assert.AreEqual("no-referrer", head.Headers["Referrer-Policy"]);
        StringAssert.Contains(head.Headers["Content-Security-Policy"], "default-src 'none'");
        StringAssert.Contains(await client.ReadStreamUntilAsync("alice joined."), "<!DOCTYPE html>");
    }

    [TestMethod]
    public async Task Non_ascii_text_arrives_intact()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var alice = await chat.LoginAsync("小明");
        await using var reader = await chat.OpenChatAsync(alice, "小明 joined.");

        await chat.SayAsync(alice, "你好, café ✓");

        StringAssert.Contains(await reader.ReadStreamUntilAsync("✓"), "你好, café ✓");
    }

    [TestMethod]
    public async Task The_names_frame_lists_joined_users_without_reloading_itself()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var alice = await chat.LoginAsync("alice");
        var bob = await chat.LoginAsync("bob");
        await using var aliceChat = await chat.OpenChatAsync(alice);
        await using var bobChat = await chat.OpenChatAsync(bob, "bob joined.");

        var names = await chat.NamesAsync(alice);

        Assert.IsFalse(names.Contains("http-equiv=\"refresh\"", StringComparison.Ordinal), "the open names frame is sent new lists instead: " + names);
        StringAssert.Contains(names, ">alice</b>");
        StringAssert.Contains(names, ">bob</b>");
        CollectionAssert.AreEqual(new[] { "alice", "bob" }, chat.Server.OnlineUsers.Select(u => u.Name).ToArray());
    }

    [TestMethod]
    public async Task The_frameset_links_the_three_frames_with_the_session()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var alice = await chat.LoginAsync("alice");

        var frameset = await chat.RequestAsync(ChatTestServer.Get($"/room?sid={alice}"));

        StringAssert.Contains(frameset.Body, $"src=\"/chat?sid={alice}\"");
        StringAssert.Contains(frameset.Body, $"src=\"/talk?sid={alice}\"");
        StringAssert.Contains(frameset.Body, $"src=\"/names?sid={alice}\"");
    }

    [TestMethod]
    public async Task Several_sessions_of_one_client_chat_independently()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var first = await chat.LoginAsync("tab one");
        var second = await chat.LoginAsync("tab two");

        Assert.AreNotEqual(first, second);
        Assert.IsTrue(first.Length >= 22, "a session id carries at least 128 bits");
        await using var reader = await chat.OpenChatAsync(first);
        await using var other = await chat.OpenChatAsync(second, "tab two joined.");
        await chat.SayAsync(second, "from two");
        StringAssert.Contains(await reader.ReadStreamUntilAsync("from two"), ">tab two</b> from two");
    }

    [TestMethod]
    public async Task A_refused_message_shows_the_reason_and_keeps_the_text()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.Limits.MaxMessageLength = 10);
        var alice = await chat.LoginAsync("alice");
        await using var reader = await chat.OpenChatAsync(alice);

        var response = await chat.SayAsync(alice, "far too long <for> this");

        Assert.AreEqual(413, response.Status);
        StringAssert.Contains(response.Body, "at most 10 characters");
        StringAssert.Contains(response.Body, "value=\"far too long &lt;for&gt; this\"");
    }

    [TestMethod]
    public async Task Posting_faster_than_the_flood_limit_is_refused_with_429()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var alice = await chat.LoginAsync("alice");
        await using var reader = await chat.OpenChatAsync(alice);
        for (var i = 0; i < 5; i++)
        {
            Assert.AreEqual(303, (await chat.SayAsync(alice, $"line {i}")).Status);
        }

        var refused = await chat.SayAsync(alice, "one too many");
        chat.Time.Advance(TimeSpan.FromSeconds(5));
        var later = await chat.SayAsync(alice, "after a pause");

        Assert.AreEqual(429, refused.Status);
        StringAssert.Contains(refused.Body, "too fast");
        Assert.AreEqual(303, later.Status);
    }

    [TestMethod]
    public async Task Leave_ends_the_stream_announces_it_and_forgets_the_session()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var alice = await chat.LoginAsync("alice");
        var bob = await chat.LoginAsync("bob");
        var aliceChat = await chat.OpenChatAsync(alice);
        await using var bobChat = await chat.OpenChatAsync(bob, "bob joined.");
        var left = new TaskCompletionSource<ChatUserEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        chat.Server.UserLeft += (_, e) => left.TrySetResult(e);

        var response = await chat.RequestAsync(ChatTestServer.Post("/leave", $"sid={alice}"));

        Assert.AreEqual(303, response.Status);
        Assert.AreEqual("/", response.Headers["Location"]);
        Assert.IsTrue(await aliceChat.ReadToEndAsync(), "the leaver's stream ends");
        StringAssert.Contains(aliceChat.StreamText, "</html>");
        StringAssert.Contains(await bobChat.ReadStreamUntilAsync("alice left."), "alice left.");
        Assert.AreEqual(ChatLeaveReason.Left, (await left.Task.WaitAsync(RawHttpClient.SafetyTimeout)).LeaveReason);
        Assert.AreEqual(404, (await chat.RequestAsync(ChatTestServer.Get($"/talk?sid={alice}"))).Status);
        await aliceChat.DisposeAsync();
    }

    [TestMethod]
    public async Task A_name_that_is_online_cannot_log_in_twice()
    {
        await using var chat = await ChatTestServer.StartAsync();
        await chat.LoginAsync("alice");

        var second = await chat.RequestAsync(ChatTestServer.Post("/login", "name=ALICE&password="));

        Assert.AreEqual(409, second.Status);
        StringAssert.Contains(second.Body, "already in the chat");
    }

    [TestMethod]
    [DataRow("", "Please enter a name.")]
    [DataRow("a%3Cb", "only letters")]
    [DataRow("evil%E2%80%AEname", "invisible or control characters")]
    [DataRow("zero%E2%80%8Bwidth", "invisible or control characters")]
    [DataRow("-dash", "must start with a letter")]
    public async Task Bad_names_are_refused_with_a_reason_and_kept_in_the_form(string encodedName, string reason)
    {
        await using var chat = await ChatTestServer.StartAsync();

        var response = await chat.RequestAsync(ChatTestServer.Post("/login", $"name={encodedName}&password="));

        Assert.AreEqual(400, response.Status);
        StringAssert.Contains(response.Body, reason);
        Assert.AreEqual(0, chat.Server.OnlineUsers.Count);
    }

    [TestMethod]
    public async Task A_registered_account_needs_its_password_and_the_password_never_travels_in_a_url()
    {
        var users = new PushChat.Users.InMemoryUserStore();
        await users.CreateAsync(PushChat.Users.UserAccount.Create("carol", "s3cret!", ChatRole.Admin), default);
        await using var chat = await ChatTestServer.StartAsync(o => o.UserStore = users);

        var wrong = await chat.RequestAsync(ChatTestServer.Post("/login", "name=carol&password=nope"));
        var right = await chat.RequestAsync(ChatTestServer.Post("/login", "name=carol&password=s3cret%21"));
        var viaGet = await chat.RequestAsync(ChatTestServer.Get("/login?name=carol&password=s3cret%21"));

        Assert.AreEqual(403, wrong.Status);
        StringAssert.Contains(wrong.Body, "Wrong name or password.");
        Assert.AreEqual(303, right.Status);
        Assert.IsFalse(right.Headers["Location"].Contains("s3cret", StringComparison.Ordinal));
        Assert.AreEqual(405, viaGet.Status);
    }

    [TestMethod]
    public async Task Without_guests_an_unknown_name_and_a_wrong_password_get_the_same_answer()
    {
        var users = new PushChat.Users.InMemoryUserStore();
        await users.CreateAsync(PushChat.Users.UserAccount.Create("carol", "s3cret!"), default);
        await using var chat = await ChatTestServer.StartAsync(o =>
        {
            o.UserStore = users;
            o.AllowGuests = false;
        });

        var wrong = await chat.RequestAsync(ChatTestServer.Post("/login", "name=carol&password=nope"));
        var unknown = await chat.RequestAsync(ChatTestServer.Post("/login", "name=carla&password=nope"));

        Assert.AreEqual(403, wrong.Status);
        Assert.AreEqual(wrong.Status, unknown.Status);
        Assert.AreEqual(wrong.Body.Replace("carol", "carla", StringComparison.Ordinal), unknown.Body);
    }

    [TestMethod]
    public async Task The_name_boxes_allow_as_many_characters_as_a_name_may_have()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.Limits.MaxUserNameLength = 30);

        var login = await chat.RequestAsync(ChatTestServer.Get("/"));
        var register = await chat.RequestAsync(ChatTestServer.Get(ChatRoutes.Register));

        StringAssert.Contains(login.Body, "name=\"name\" maxlength=\"30\"");
        StringAssert.Contains(register.Body, "name=\"name\" maxlength=\"30\"");
    }
}
