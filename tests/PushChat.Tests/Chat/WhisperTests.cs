using PushChat.Internal.Chat.Changes;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Chat;

[TestClass]
public sealed class WhisperTests
{
    [TestMethod]
    public async Task A_whisper_reaches_its_target_and_its_sender_and_nobody_else()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var (ann, annChat) = await chat.EnterAsync("ann");
        var (ben, benChat) = await chat.EnterAsync("ben");
        var (_, cyChat) = await chat.EnterAsync("cy");
        await using var a = annChat;
        await using var b = benChat;
        await using var c = cyChat;

        Assert.AreEqual(303, (await chat.SayAsync(ann, "/msg ben the secret")).Status);
        Assert.AreEqual(303, (await chat.SayAsync(ann, "public marker")).Status);

        StringAssert.Contains(await a.ReadStreamUntilAsync("public marker"), "the secret");
        StringAssert.Contains(await b.ReadStreamUntilAsync("public marker"), "class=\"line whisper guest\"");
        Assert.IsFalse((await c.ReadStreamUntilAsync("public marker")).Contains("the secret", StringComparison.Ordinal));
        _ = ben;
    }

    [TestMethod]
    public async Task A_whisper_is_never_replayed_to_anyone_else()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var (ann, annChat) = await chat.EnterAsync("ann");
        var (_, benChat) = await chat.EnterAsync("ben");
        await using var a = annChat;
        await using var b = benChat;
        await chat.SayAsync(ann, "/msg ben the secret");
        await b.ReadStreamUntilAsync("the secret");

        var (_, cyChat) = await chat.EnterAsync("cy");
        await using var c = cyChat;
        await chat.SayAsync(ann, "public marker");

        var replayed = await c.ReadStreamUntilAsync("public marker");
        Assert.IsFalse(replayed.Contains("the secret", StringComparison.Ordinal), replayed);
    }

    [TestMethod]
    public async Task A_whisper_crosses_rooms_and_stays_out_of_the_other_room()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var (ann, annChat) = await chat.EnterAsync("ann");
        var (ben, benChat) = await chat.EnterAsync("ben");
        var (_, cyChat) = await chat.EnterAsync("cy");
        await using var a = annChat;
        await using var b = benChat;
        await using var c = cyChat;
        chat.Server.Engine!.State.Apply(new SessionMoved(ben, "Garden"));
        await b.ReadStreamUntilAsync("ben joined.");

        await chat.SayAsync(ann, "/msg ben over the wall");
        chat.Server.PostNotice("lobby marker");
        chat.Server.Whisper("ben", "garden marker");

        StringAssert.Contains(await b.ReadStreamUntilAsync("garden marker"), "over the wall");
        Assert.IsFalse((await c.ReadStreamUntilAsync("lobby marker")).Contains("over the wall", StringComparison.Ordinal));
        StringAssert.Contains(await a.ReadStreamUntilAsync("lobby marker"), "over the wall");
    }

    [TestMethod]
    public async Task The_talk_form_whispers_to_the_picked_user_and_keeps_the_pick()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var (ann, annChat) = await chat.EnterAsync("ann");
        var (_, benChat) = await chat.EnterAsync("ben");
        var (_, cyChat) = await chat.EnterAsync("cy");
        await using var a = annChat;
        await using var b = benChat;
        await using var c = cyChat;

        var answer = await chat.TalkAsync(ann, "just for you", to: "ben", isPrivate: true);
        await chat.SayAsync(ann, "public marker");

        Assert.AreEqual(303, answer.Status);
        StringAssert.Contains(answer.Headers["Location"], "to=ben&private=1");
        StringAssert.Contains(await b.ReadStreamUntilAsync("public marker"), "just for you");
        Assert.IsFalse((await c.ReadStreamUntilAsync("public marker")).Contains("just for you", StringComparison.Ordinal));
        var talk = await chat.RequestAsync(ChatTestServer.Get($"{answer.Headers["Location"]}"));
        StringAssert.Contains(talk.Body, "<option value=\"ben\" selected>ben</option>");
        StringAssert.Contains(talk.Body, "name=\"private\" value=\"1\" checked");
    }

    [TestMethod]
    public async Task A_line_to_a_picked_user_without_private_is_public_and_names_them()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var (ann, annChat) = await chat.EnterAsync("ann");
        var (_, benChat) = await chat.EnterAsync("ben");
        var (_, cyChat) = await chat.EnterAsync("cy");
        await using var a = annChat;
        await using var b = benChat;
        await using var c = cyChat;
        var posted = new TaskCompletionSource<ChatMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        chat.Server.MessagePosted += (_, e) => { if (e.Message.Sender == "ann") { posted.TrySetResult(e.Message); } };

        await chat.TalkAsync(ann, "hello you", to: "ben");

        StringAssert.Contains(await c.ReadStreamUntilAsync("hello you"), "<span class=\"to\">to ben:</span> hello you");
        var message = await posted.Task.WaitAsync(RawHttpClient.SafetyTimeout);
        Assert.AreEqual(ChatMessageKind.Public, message.Kind);
        Assert.AreEqual("ben", message.Target);
    }

    [TestMethod]
    public async Task Whispering_to_someone_offline_or_to_oneself_gets_a_hint_and_sends_nothing()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var (ann, annChat) = await chat.EnterAsync("ann");
        await using var a = annChat;
        var before = chat.Server.Rooms.Single().LastSequence;

        var offline = await chat.SayAsync(ann, "/msg nobody hi");
        var self = await chat.SayAsync(ann, "/msg ann hi");
        var empty = await chat.SayAsync(ann, "/msg");
        var picked = await chat.TalkAsync(ann, "hi", to: "gone", isPrivate: true);

        Assert.AreEqual(404, offline.Status);
        StringAssert.Contains(offline.Body, "Nobody called nobody is online.");
        StringAssert.Contains(offline.Body, "value=\"/msg nobody hi\"", "the typed line is kept");
        Assert.AreEqual(400, self.Status);
        Assert.AreEqual(400, empty.Status);
        Assert.AreEqual(404, picked.Status);
        Assert.AreEqual(before, chat.Server.Rooms.Single().LastSequence, "nothing was posted");
    }

    [TestMethod]
    public async Task A_name_with_spaces_is_found_quoted_or_by_its_longest_match()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var (ann, annChat) = await chat.EnterAsync("ann");
        var (_, leeChat) = await chat.EnterAsync("Ann Lee");
        await using var a = annChat;
        await using var l = leeChat;

        await chat.SayAsync(ann, "/msg ann lee first");
        await chat.SayAsync(ann, "/msg \"Ann Lee\" second");

        var text = await l.ReadStreamUntilAsync("second");
        StringAssert.Contains(text, "privately:</span> first");
    }

    [TestMethod]
    public async Task A_room_owner_does_not_see_other_peoples_whispers_on_the_lines_page()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var (ann, annChat) = await chat.EnterAsync("ann");
        var (ben, benChat) = await chat.EnterAsync("ben");
        var (cy, cyChat) = await chat.EnterAsync("cy");
        await using var a = annChat;
        await using var b = benChat;
        await using var c = cyChat;
        foreach (var sid in new[] { ann, ben, cy })
        {
            Assert.AreEqual(303, (await chat.SayAsync(sid, "/join Garden")).Status);
        }

        await chat.SayAsync(ben, "/msg cy between us");
        await chat.SayAsync(ben, "for everyone");
        await c.ReadStreamUntilAsync("for everyone");

        var lines = await chat.RequestAsync(ChatTestServer.Get($"{ChatRoutes.Lines}?sid={ann}"));

        Assert.AreEqual(200, lines.Status, "ann opened the garden and owns it");
        StringAssert.Contains(lines.Body, "for everyone");
        Assert.IsFalse(lines.Body.Contains("between us", StringComparison.Ordinal), lines.Body);
    }
}
