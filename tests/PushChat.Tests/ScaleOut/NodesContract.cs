using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.ScaleOut;

/// <summary>
/// Several servers of one chat in one process, over real sockets, one browser reaching any node
/// as a load balancer with no sticky sessions would send it: every node holds the same chat.
/// Run over each backplane.
/// </summary>
public abstract class NodesContract
{
    /// <summary>Starts the nodes of one chat over the backplane under test.</summary>
    protected abstract Task<ChatTestNodes> StartNodesAsync(int count, Action<ChatServerOptions>? configure = null);

    [TestMethod]
    public async Task Users_on_different_nodes_see_each_others_joins_and_lines()
    {
        await using var nodes = await StartNodesAsync(2);
        var (ann, annChat) = await nodes[0].EnterAsync("ann");
        await using var annStream = annChat;
        var (bob, bobChat) = await nodes[1].EnterAsync("bob");
        await using var bobStream = bobChat;

        await annChat.ReadStreamUntilAsync("bob joined.");
        Assert.AreEqual(303, (await nodes[0].SayAsync(ann, "hello from a")).Status);
        await bobChat.ReadStreamUntilAsync("hello from a");
        Assert.AreEqual(303, (await nodes[1].SayAsync(bob, "hello from b")).Status);
        await annChat.ReadStreamUntilAsync("hello from b");
    }

    [TestMethod]
    public async Task A_session_started_on_one_node_is_known_on_another_at_once()
    {
        await using var nodes = await StartNodesAsync(2);
        var ann = await nodes[0].LoginAsync("ann");

        // The browser's very next request lands on the other node.
        await using var annChat = await nodes[1].OpenChatAsync(ann, "ann joined.");
        Assert.AreEqual(303, (await nodes[1].SayAsync(ann, "said through b")).Status);
        await annChat.ReadStreamUntilAsync("said through b");
        Assert.AreEqual(303, (await nodes[0].SayAsync(ann, "said through a")).Status);
        await annChat.ReadStreamUntilAsync("said through a");
    }

    [TestMethod]
    public async Task A_whisper_and_an_ignore_cross_nodes()
    {
        await using var nodes = await StartNodesAsync(2);
        var (ann, annChat) = await nodes[0].EnterAsync("ann");
        await using var annStream = annChat;
        var (bob, bobChat) = await nodes[1].EnterAsync("bob");
        await using var bobStream = bobChat;
        var (cy, cyChat) = await nodes[0].EnterAsync("cy");
        await using var cyStream = cyChat;

        Assert.AreEqual(303, (await nodes[1].TalkAsync(bob, "a secret", to: "ann", isPrivate: true)).Status);
        await annChat.ReadStreamUntilAsync("privately:</span> a secret");

        Assert.AreEqual(303, (await nodes[1].SayAsync(ann, "/ignore bob")).Status);
        await annChat.ReadStreamUntilAsync("You are ignoring bob");
        Assert.AreEqual(303, (await nodes[1].SayAsync(bob, "ann will not see this")).Status);
        Assert.AreEqual(303, (await nodes[0].SayAsync(cy, "after the ignored line")).Status);
        var annSaw = await annChat.ReadStreamUntilAsync("after the ignored line");
        var cySaw = await cyChat.ReadStreamUntilAsync("after the ignored line");

        Assert.IsFalse(annSaw.Contains("ann will not see this", StringComparison.Ordinal), "ann ignores bob on every node");
        Assert.IsTrue(cySaw.Contains("ann will not see this", StringComparison.Ordinal), "cy does not ignore bob");
        Assert.IsFalse(cySaw.Contains("a secret", StringComparison.Ordinal), "a whisper reaches only its two ends");
    }

    [TestMethod]
    public async Task A_kick_and_a_ban_made_on_one_node_hold_on_the_other()
    {
        await using var nodes = await StartNodesAsync(2);
        var (_, annChat) = await nodes[0].EnterAsync("ann");
        await using var annStream = annChat;

        Assert.IsTrue(nodes[1].Server.Kick("ann", "enough"));
        await annChat.ReadStreamUntilAsync("You were kicked out: enough");
        Assert.IsTrue(await annChat.ReadToEndAsync(), "the kicked reader's stream ends on the node that held it");

        nodes[1].Server.Ban("ann", TimeSpan.FromMinutes(10), "really enough");
        var again = await nodes[0].RequestAsync(ChatTestServer.Post(ChatRoutes.Login, "name=ann&password="));
        Assert.AreEqual(403, again.Status, again.Body);
    }

    [TestMethod]
    public async Task A_reader_resumes_on_another_node_with_no_line_lost_or_repeated()
    {
        await using var nodes = await StartNodesAsync(2);
        var (bob, bobChat) = await nodes[1].EnterAsync("bob");
        await using var bobStream = bobChat;
        var ann = await nodes[0].LoginAsync("ann");
        var (first, head) = await ServerSentEvents.OpenAsync(nodes[0], ann);
        Assert.AreEqual(200, head.Status);
        Assert.AreEqual(303, (await nodes[1].SayAsync(bob, "one")).Status);
        Assert.AreEqual(303, (await nodes[1].SayAsync(bob, "two")).Status);
        var seen = await ServerSentEvents.ReadUntilLineAsync(first, "two");
        var lastId = seen.Last(e => e.Id is not null).Id!;
        await first.DisposeAsync();

        Assert.AreEqual(303, (await nodes[1].SayAsync(bob, "three")).Status);
        Assert.AreEqual(303, (await nodes[0].SayAsync(bob, "four")).Status);
        var (second, resumed) = await ServerSentEvents.OpenAsync(nodes[1], ann, lastEventId: lastId);
        await using var secondStream = second;
        Assert.AreEqual(200, resumed.Status);
        var after = await ServerSentEvents.ReadUntilLineAsync(second, "four");

        CollectionAssert.AreEqual(new[] { "three", "four" }, after.Where(e => e.Name == "line" && e.Json.GetProperty("from").GetString() == "bob").Select(e => e.Text).ToArray());
    }

    [TestMethod]
    public async Task A_change_raises_its_host_event_once_on_the_node_that_made_it()
    {
        await using var nodes = await StartNodesAsync(2);
        var posted = nodes.All.Select(_ => new List<string>()).ToArray();
        var bobsLineSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var annsLineSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (var i = 0; i < 2; i++)
        {
            var list = posted[i];
            nodes[i].Server.MessagePosted += (_, e) =>
            {
                lock (list)
                {
                    list.Add(e.Message.Text);
                }

                (e.Message.Text == "from b" ? bobsLineSeen : e.Message.Text == "from a" ? annsLineSeen : null)?.TrySetResult();
            };
        }

        var (ann, annChat) = await nodes[0].EnterAsync("ann");
        await using var annStream = annChat;
        var (bob, bobChat) = await nodes[1].EnterAsync("bob");
        await using var bobStream = bobChat;
        Assert.AreEqual(303, (await nodes[0].SayAsync(ann, "from a")).Status);
        Assert.AreEqual(303, (await nodes[1].SayAsync(bob, "from b")).Status);
        await Task.WhenAll(annsLineSeen.Task, bobsLineSeen.Task).WaitAsync(RawHttpClient.SafetyTimeout);

        // Node b applied "from a" before "from b", and raises its events in that order: had it raised it, it would be there now.
        CollectionAssert.AreEqual(new[] { "from a" }, posted[0].Where(t => t.StartsWith("from", StringComparison.Ordinal)).ToArray());
        CollectionAssert.AreEqual(new[] { "from b" }, posted[1].Where(t => t.StartsWith("from", StringComparison.Ordinal)).ToArray());
    }

    [TestMethod]
    public async Task Every_node_holds_the_same_chat_and_a_node_started_later_catches_up()
    {
        await using var nodes = await StartNodesAsync(2);
        var (ann, annChat) = await nodes[0].EnterAsync("ann");
        await using var annStream = annChat;
        var (bob, bobChat) = await nodes[1].EnterAsync("bob");
        await using var bobStream = bobChat;
        Assert.AreEqual(303, (await nodes[0].SayAsync(ann, "/join Garden")).Status);
        Assert.AreEqual(303, (await nodes[1].SayAsync(ann, "in the garden")).Status);
        Assert.AreEqual(303, (await nodes[1].TalkAsync(bob, "psst", to: "ann", isPrivate: true)).Status);
        Assert.AreEqual(303, (await nodes[0].SayAsync(bob, "/color teal")).Status);
        nodes.Time.Advance(TimeSpan.FromSeconds(3));
        Assert.AreEqual(303, (await nodes[0].SayAsync(bob, "last words")).Status);
        await annChat.ReadStreamUntilAsync("psst");
        await bobChat.ReadStreamUntilAsync("last words");

        var late = await nodes.AddAsync();
        await using var lateChat = await late.OpenChatAsync(ann, "in the garden");
        await nodes.SettleAsync();

        var digests = nodes.All.Select(n => NodeStateDigest.Of(n.Server)).ToArray();
        StringAssert.Contains(digests[0], "in the garden");
        Assert.AreEqual(digests[0], digests[1]);
        Assert.AreEqual(digests[0], digests[2]);
    }

    [TestMethod]
    public async Task A_clients_line_budget_is_one_for_all_nodes()
    {
        await using var nodes = await StartNodesAsync(2, o => o.Limits.MaxLinesPerAddress = 2);
        var (ann, annChat) = await nodes[0].EnterAsync("ann");
        await using var annStream = annChat;

        Assert.AreEqual(303, (await nodes[0].SayAsync(ann, "one")).Status);
        Assert.AreEqual(303, (await nodes[1].SayAsync(ann, "two")).Status);
        var third = await nodes[0].SayAsync(ann, "three");

        Assert.AreEqual(429, third.Status, third.Body);
    }

    [TestMethod]
    public async Task A_lock_out_made_through_one_node_holds_on_the_other()
    {
        // One store for both nodes, as a database would be.
        var users = new PushChat.Users.InMemoryUserStore();
        Assert.IsTrue(await users.CreateAsync(PushChat.Users.UserAccount.Create("ann", "the right one"), CancellationToken.None));
        await using var nodes = await StartNodesAsync(2, o =>
        {
            o.UserStore = users;
            o.Limits.MaxLoginFailures = 3;
        });

        for (var i = 0; i < 3; i++)
        {
            var wrong = await nodes[i % 2].RequestAsync(ChatTestServer.Post(ChatRoutes.Login, "name=ann&password=wrong"));
            Assert.AreNotEqual(303, wrong.Status, wrong.Body);
        }

        var right = await nodes[1].RequestAsync(ChatTestServer.Post(ChatRoutes.Login, "name=ann&password=the+right+one"));
        Assert.AreEqual(429, right.Status, right.Body);
    }

    [TestMethod]
    public async Task A_bot_that_logged_in_on_one_node_speaks_at_once_through_another()
    {
        await using var nodes = await StartNodesAsync(2);
        var (bob, bobChat) = await nodes[1].EnterAsync("bob");
        await using var bobStream = bobChat;
        using var first = await JsonSocket.ConnectAsync(nodes[0]);
        await JsonSocket.SendAsync(first, """{"type":"login","version":1,"name":"bot"}""");
        var welcome = await JsonSocket.ReceiveUntilAsync(first, m => m.GetProperty("type").GetString() == "welcome");

        // Its socket on the first node made it present; the second hears of it through the backplane.
        using var second = await JsonSocket.ConnectAsync(nodes[1]);
        await JsonSocket.SendAsync(second, $$"""{"type":"resume","version":1,"session":"{{welcome.GetProperty("session").GetString()}}","token":"{{welcome.GetProperty("token").GetString()}}"}""");
        await JsonSocket.ReceiveUntilAsync(second, m => m.GetProperty("type").GetString() == "welcome");
        // For the first moments, until the first node's report of the socket comes through, the
        // second says the window is not open yet and to send it again, as the protocol tells bots.
        System.Text.Json.JsonElement answer;
        var id = 0;
        do
        {
            id++;
            Assert.IsLessThan(100, id, "the session never became present on the second node");
            await JsonSocket.SendAsync(second, $$"""{"type":"say","text":"through the second node","id":{{id}}}""");
            var sent = id;
            answer = await JsonSocket.ReceiveUntilAsync(second, m => m.TryGetProperty("id", out var got) && got.ValueKind == System.Text.Json.JsonValueKind.Number && got.GetInt32() == sent);
        }
        while (answer.GetProperty("type").GetString() == "error" && answer.GetProperty("status").GetInt32() == 409);

        Assert.AreEqual("ok", answer.GetProperty("type").GetString(), answer.ToString());
        await bobChat.ReadStreamUntilAsync("through the second node");
    }
}
