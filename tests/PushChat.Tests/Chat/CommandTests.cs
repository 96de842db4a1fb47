using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Chat;

[TestClass]
public sealed class CommandTests
{
    [TestMethod]
    public async Task Me_posts_an_action_line_with_its_own_look()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var (ann, annChat) = await chat.EnterAsync("ann");
        await using var a = annChat;

        Assert.AreEqual(303, (await chat.SayAsync(ann, "/me waves")).Status);

        var text = await a.ReadStreamUntilAsync("waves</p>");
        StringAssert.Contains(text, "class=\"line action guest\"");
        StringAssert.Contains(text, "ann</b> waves</p>");
    }

    [TestMethod]
    public async Task The_action_picker_names_its_target_and_keeps_the_typed_text()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var (ann, annChat) = await chat.EnterAsync("ann");
        var (_, benChat) = await chat.EnterAsync("ben");
        await using var a = annChat;
        await using var b = benChat;
        var posted = new TaskCompletionSource<ChatMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        chat.Server.MessagePosted += (_, e) => { if (e.Message.Kind == ChatMessageKind.Action) { posted.TrySetResult(e.Message); } };

        Assert.AreEqual(303, (await chat.TalkAsync(ann, "good morning", to: "ben", action: "wave")).Status);

        StringAssert.Contains(await b.ReadStreamUntilAsync("good morning"), "ann</b> waves to ben: good morning");
        var message = await posted.Task.WaitAsync(RawHttpClient.SafetyTimeout);
        Assert.AreEqual("ben", message.Target);
        Assert.AreEqual(400, (await chat.TalkAsync(ann, string.Empty, action: "explode")).Status);
    }

    [TestMethod]
    public async Task An_unknown_command_or_a_bad_argument_gives_the_sender_a_hint_and_sends_nothing()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var (ann, annChat) = await chat.EnterAsync("ann");
        await using var a = annChat;
        var before = chat.Server.Rooms.Single().LastSequence;

        var unknown = await chat.SayAsync(ann, "/dance wildly");
        var noAction = await chat.SayAsync(ann, "/me");
        var badColor = await chat.SayAsync(ann, "/color chartreuse-ish");

        Assert.AreEqual(400, unknown.Status);
        StringAssert.Contains(unknown.Body, "There is no command /dance. Type /help");
        StringAssert.Contains(unknown.Body, "value=\"/dance wildly\"");
        Assert.AreEqual(400, noAction.Status);
        Assert.AreEqual(400, badColor.Status);
        Assert.AreEqual(before, chat.Server.Rooms.Single().LastSequence);
    }

    [TestMethod]
    public async Task Two_slashes_say_a_line_that_starts_with_one()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var (ann, annChat) = await chat.EnterAsync("ann");
        await using var a = annChat;

        await chat.SayAsync(ann, "//me is not a command");

        StringAssert.Contains(await a.ReadStreamUntilAsync("is not a command"), "ann</b> /me is not a command");
    }

    [TestMethod]
    public async Task Help_and_who_answer_on_the_senders_stream_only_and_are_not_kept()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var (ann, annChat) = await chat.EnterAsync("ann");
        var (_, benChat) = await chat.EnterAsync("ben");
        await using var a = annChat;
        await using var b = benChat;
        var before = chat.Server.Rooms.Single().LastSequence;

        Assert.AreEqual(303, (await chat.SayAsync(ann, "/help")).Status);
        Assert.AreEqual(303, (await chat.SayAsync(ann, "/who")).Status);
        chat.Server.PostNotice("marker");

        var annText = await a.ReadStreamUntilAsync("marker");
        StringAssert.Contains(annText, "/msg NAME text");
        StringAssert.Contains(annText, "In Lobby (2): ann, ben.");
        var benText = await b.ReadStreamUntilAsync("marker");
        Assert.IsFalse(benText.Contains("/msg NAME", StringComparison.Ordinal) || benText.Contains("In Lobby", StringComparison.Ordinal), benText);
        Assert.AreEqual(before + 1, chat.Server.Rooms.Single().LastSequence, "only the marker was numbered");
    }

    [TestMethod]
    public async Task Help_lists_topic_only_for_those_who_may_set_it()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var (ann, annChat) = await chat.EnterAsync("ann");
        await using var a = annChat;

        await chat.SayAsync(ann, "/help");

        var text = await a.ReadStreamUntilAsync("/help");
        Assert.IsFalse(text.Contains("/topic", StringComparison.Ordinal), text);
    }

    [TestMethod]
    public async Task Join_rooms_and_topic_move_list_and_name_rooms_from_the_talk_box()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var (ann, annChat) = await chat.EnterAsync("ann");
        var (ben, benChat) = await chat.EnterAsync("ben");
        await using var a = annChat;
        await using var b = benChat;

        Assert.AreEqual(303, (await chat.SayAsync(ann, "/join Garden")).Status);
        await a.ReadStreamUntilAsync("ann joined.");
        Assert.AreEqual(303, (await chat.SayAsync(ann, "/topic Roses and tea")).Status);
        Assert.AreEqual(303, (await chat.SayAsync(ann, "/help")).Status);
        Assert.AreEqual(303, (await chat.SayAsync(ben, "/rooms")).Status);
        Assert.AreEqual(303, (await chat.SayAsync(ben, "/join garden")).Status, "any case finds the room");
        var notOwner = await chat.SayAsync(ben, "/topic Mine now");

        StringAssert.Contains(await b.ReadStreamUntilAsync("Type /join ROOM"), "Rooms: Lobby (1) · Garden (1): Roses and tea.");
        Assert.AreEqual(403, notOwner.Status);
        StringAssert.Contains(notOwner.Body, "Only an admin or an owner of Garden can set topics there.");
        var annText = await a.ReadStreamUntilAsync("ben joined.");
        StringAssert.Contains(annText, "ann set the topic: Roses and tea");
        StringAssert.Contains(annText, "In Garden you may also use /topic TEXT");
        Assert.AreEqual(400, (await chat.SayAsync(ann, "/join")).Status);
        Assert.AreEqual(400, (await chat.SayAsync(ann, "/join <nope>")).Status);
    }
}
