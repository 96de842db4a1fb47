using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Chat;

[TestClass]
public sealed class IgnoreTests
{
    [TestMethod]
    public async Task An_ignored_users_lines_actions_and_whispers_never_reach_the_ignorer()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var (ann, annChat) = await chat.EnterAsync("ann");
        var (ben, benChat) = await chat.EnterAsync("ben");
        await using var a = annChat;
        await using var b = benChat;

        Assert.AreEqual(303, (await chat.SayAsync(ann, "/ignore ben")).Status);
        await a.ReadStreamUntilAsync("You are ignoring ben");
        await chat.SayAsync(ben, "public from ben");
        await chat.SayAsync(ben, "/me dances from ben");
        Assert.AreEqual(303, (await chat.SayAsync(ben, "/msg ann whisper from ben")).Status);
        chat.Server.PostNotice("marker");

        var annText = await a.ReadStreamUntilAsync("marker");
        Assert.IsFalse(annText.Contains("from ben", StringComparison.Ordinal), annText);
        var benText = await b.ReadStreamUntilAsync("marker");
        StringAssert.Contains(benText, "whisper from ben", "the ignored user sees their own whisper and is not told");
        Assert.IsFalse(benText.Contains("ignoring", StringComparison.Ordinal));
    }

    [TestMethod]
    public async Task Ignored_lines_are_left_out_of_the_ignorers_history_replay()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var (ann, annChat) = await chat.EnterAsync("ann");
        var (ben, benChat) = await chat.EnterAsync("ben");
        await using var b = benChat;
        await chat.SayAsync(ben, "said by ben");
        await chat.SayAsync(ann, "/ignore ben");
        await annChat.ReadStreamUntilAsync("You are ignoring ben");
        await annChat.DisposeAsync();

        await using var reopened = await chat.OpenChatAsync(ann);
        chat.Server.PostNotice("marker");

        var text = await reopened.ReadStreamUntilAsync("marker");
        Assert.IsFalse(text.Contains("said by ben", StringComparison.Ordinal), text);
    }

    [TestMethod]
    public async Task The_names_frame_offers_ignore_and_unignore_beside_each_other_user()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var (ann, annChat) = await chat.EnterAsync("ann");
        var (ben, benChat) = await chat.EnterAsync("ben");
        await using var a = annChat;
        await using var b = benChat;

        var names = await chat.NamesAsync(ann);
        StringAssert.Contains(names, "aria-label=\"ignore ben\"");
        Assert.IsFalse(names.Contains("aria-label=\"ignore ann\"", StringComparison.Ordinal), "no button beside one's own name");

        var ignored = await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Ignore, $"sid={ann}&name=ben&ignore=1"));
        Assert.AreEqual(303, ignored.Status);
        names = await chat.NamesAsync(ann);
        StringAssert.Contains(names, "aria-label=\"unignore ben\"");
        await chat.SayAsync(ben, "hidden line");
        await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Ignore, $"sid={ann}&name=ben&ignore=0"));
        await chat.SayAsync(ben, "visible line");

        var text = await a.ReadStreamUntilAsync("visible line");
        Assert.IsFalse(text.Contains("hidden line", StringComparison.Ordinal), text);
    }

    [TestMethod]
    public async Task Ignoring_oneself_or_unignoring_a_stranger_gets_a_hint()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var (ann, annChat) = await chat.EnterAsync("ann");
        await using var a = annChat;

        Assert.AreEqual(400, (await chat.SayAsync(ann, "/ignore ANN")).Status);
        Assert.AreEqual(404, (await chat.SayAsync(ann, "/unignore ben")).Status);
        Assert.AreEqual(400, (await chat.SayAsync(ann, "/ignore")).Status);
    }
}
