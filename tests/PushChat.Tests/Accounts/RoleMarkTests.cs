using PushChat.Tests.Infrastructure;
using PushChat.Users;

namespace PushChat.Tests.Accounts;

/// <summary>Lines and the names frame show who is a guest, a member or an admin, so a guest cannot pass for a member.</summary>
[TestClass]
public sealed class RoleMarkTests
{
    [TestMethod]
    public async Task Each_line_carries_its_senders_role_and_the_default_look_marks_it()
    {
        var users = new InMemoryUserStore();
        await users.CreateAsync(UserAccount.Create("ann", "correct horse"), default);
        await users.CreateAsync(UserAccount.Create("root", "correct horse", ChatRole.Admin), default);
        await using var chat = await ChatTestServer.StartAsync(o => o.UserStore = users);
        var ann = await chat.LoginAsync("ann", "correct horse");
        var root = await chat.LoginAsync("root", "correct horse");
        var (guest, stream) = await chat.EnterAsync("guest1");
        await using var _ = stream;
        await using var annChat = await chat.OpenChatAsync(ann, "ann joined.");
        await using var rootChat = await chat.OpenChatAsync(root, "root joined.");
        var posted = new List<ChatMessage>();
        chat.Server.MessagePosted += (_, e) => { lock (posted) { posted.Add(e.Message); } };

        Assert.AreEqual(303, (await chat.SayAsync(guest, "from a guest")).Status);
        Assert.AreEqual(303, (await chat.SayAsync(ann, "from a member")).Status);
        Assert.AreEqual(303, (await chat.TalkAsync(root, "/me waves")).Status);
        var text = await stream.ReadStreamUntilAsync("waves");

        Assert.Contains("<p class=\"line guest\"", text);
        Assert.Contains("<p class=\"line member\"", text);
        Assert.Contains("<p class=\"line action admin\"", text);
        Assert.Contains("<p class=\"line notice\"", text, "a notice has no sender and no mark");
        Assert.AreEqual(ChatRole.Guest, chat.Server.Engine!.Sessions.Find(guest)!.Role);
        var notice = chat.Server.PostNotice("all quiet");
        Assert.IsNull(notice.SenderRole);
    }

    [TestMethod]
    public async Task The_engine_gives_each_line_its_senders_role()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var (guest, stream) = await chat.EnterAsync("guest1");
        await using var _ = stream;
        ChatMessage? seen = null;
        var posted = new TaskCompletionSource<ChatMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        chat.Server.MessagePosted += (_, e) => { if (e.Message.Sender is not null) { posted.TrySetResult(e.Message); } };

        Assert.AreEqual(303, (await chat.SayAsync(guest, "hello")).Status);
        seen = await posted.Task.WaitAsync(RawHttpClient.SafetyTimeout);

        Assert.AreEqual(ChatRole.Guest, seen.SenderRole);
    }

    [TestMethod]
    public void The_default_style_sheet_shows_the_marks()
    {
        var css = new Rendering.DefaultPageRenderer().StyleSheet;

        Assert.Contains(".line.guest > b::after", css);
        Assert.Contains(".line.admin > b::after", css);
        Assert.Contains(".line.member > b::after", css);
    }

    [TestMethod]
    public async Task The_names_frame_shows_guests_members_and_admins_apart()
    {
        var users = new InMemoryUserStore();
        await users.CreateAsync(UserAccount.Create("ann", "correct horse"), default);
        await users.CreateAsync(UserAccount.Create("root", "correct horse", ChatRole.Admin), default);
        await using var chat = await ChatTestServer.StartAsync(o => o.UserStore = users);
        var ann = await chat.LoginAsync("ann", "correct horse");
        var root = await chat.LoginAsync("root", "correct horse");
        var (guest, stream) = await chat.EnterAsync("guest1");
        await using var _ = stream;
        await using var annChat = await chat.OpenChatAsync(ann, "ann joined.");
        await using var rootChat = await chat.OpenChatAsync(root, "root joined.");

        var names = await chat.NamesAsync(guest);

        Assert.Contains("<li class=\"member\"><b", names);
        Assert.Contains("<li class=\"admin\"><b", names);
        Assert.Contains("<li class=\"guest\"><b", names);
        Assert.Contains("<small>guest</small>", names);
        Assert.Contains("<small>admin</small>", names);
    }
}
