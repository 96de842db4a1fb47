using PushChat.Authentication;
using PushChat.Filtering;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Localization;

/// <summary>The answers of commands and the refusals of the chat's services, in the asker's language.</summary>
[TestClass]
public sealed class CommandLanguageTests
{
    [TestMethod]
    public async Task A_chinese_reader_typing_help_gets_the_help_in_chinese()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var ann = await chat.LoginAsync("ann", language: "zh-Hans");
        await using var annChat = await chat.OpenChatAsync(ann);

        Assert.AreEqual(303, (await chat.SayAsync(ann, "/help")).Status);

        var text = await annChat.ReadStreamUntilAsync("命令：");
        StringAssert.Contains(text, "命令：/msg 名字 文字（悄悄话）");
    }

    [TestMethod]
    public async Task A_chinese_room_owners_help_lists_the_moderation_commands_in_chinese()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var ann = await chat.LoginAsync("ann", language: "zh-Hans");
        await using var annChat = await chat.OpenChatAsync(ann);
        Assert.AreEqual(303, (await chat.SayAsync(ann, "/join Den")).Status);

        Assert.AreEqual(303, (await chat.SayAsync(ann, "/help")).Status);

        var text = await annChat.ReadStreamUntilAsync("时长：");
        StringAssert.Contains(text, "在 Den 里：/kick 名字 [理由] · /mute 名字 [10m] [理由]");
        StringAssert.Contains(text, "你的禁言只在 Den 里有效，最长");
    }

    [TestMethod]
    public async Task A_chinese_readers_unknown_or_misused_command_is_refused_in_chinese_on_the_talk_form()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var ann = await chat.LoginAsync("ann", language: "zh-Hans");

        var unknown = await chat.SayAsync(ann, "/dance wildly");
        var kick = await chat.SayAsync(ann, "/kick");
        var whisper = await chat.SayAsync(ann, "/msg nobody hello");

        Assert.AreEqual(400, unknown.Status);
        StringAssert.Contains(unknown.Body, "没有 /dance 这个命令。");
        Assert.AreEqual(400, kick.Status, kick.Body);
        StringAssert.Contains(kick.Body, "请输入 /kick 名字，愿意的话再加上理由。");
        Assert.AreEqual(404, whisper.Status, whisper.Body);
        StringAssert.Contains(whisper.Body, "没有叫 nobody 的人在线。");
    }

    [TestMethod]
    public async Task A_chinese_readers_spent_budget_names_the_act_and_the_window_in_chinese()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var ann = await chat.LoginAsync("ann", language: "zh-Hans");

        RawResponse? refused = null;
        for (var i = 0; i < 11 && refused is null; i++)
        {
            var response = await chat.SayAsync(ann, "/color " + (i % 2 == 0 ? "red" : "blue"));
            refused = response.Status == 429 ? response : null;
        }

        Assert.IsNotNull(refused, "the colour budget never ran out");
        StringAssert.Contains(refused.Body, "你改颜色太频繁了：1 分钟内最多 10 次。请稍等一下再试。");
    }

    [TestMethod]
    public async Task An_english_reader_still_gets_english()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var ann = await chat.LoginAsync("ann");
        await chat.LoginAsync("ben");

        var kick = await chat.SayAsync(ann, "/kick ben");

        StringAssert.Contains(kick.Body, "Only an admin or an owner of Lobby can kick users there.");
    }

    [TestMethod]
    public async Task A_locked_out_login_is_refused_in_the_browsers_chinese()
    {
        var authenticator = new PasswordAuthenticator();
        await using var chat = await ChatTestServer.StartAsync(o =>
        {
            o.Authenticator = authenticator;
            o.Limits.MaxLoginFailures = 2;
        });

        await chat.RequestAsync(ChatTestServer.Post("/login", "name=dora&password=wrong"));
        await chat.RequestAsync(ChatTestServer.Post("/login", "name=dora&password=wrong"));
        var locked = await chat.RequestAsync(ChatTestServer.Post("/login", "name=dora&password=right").Replace("\r\n\r\n", "\r\nAccept-Language: zh-CN,zh;q=0.9\r\n\r\n", StringComparison.Ordinal));

        Assert.AreEqual(429, locked.Status, locked.Body);
        StringAssert.Contains(locked.Body, "这个名字登录失败次数太多；请 15 分钟后再试。");
    }

    [TestMethod]
    public async Task The_flood_limit_refuses_a_chinese_speaker_in_chinese()
    {
        await using var chat = await ChatTestServer.StartAsync(o =>
        {
            o.MessageFilters.Clear();
            o.MessageFilters.Add(new FloodLimitFilter(maxMessages: 1));
        });
        var ann = await chat.LoginAsync("ann", language: "zh-Hans");
        await using var annChat = await chat.OpenChatAsync(ann);

        Assert.AreEqual(303, (await chat.SayAsync(ann, "one")).Status);
        var second = await chat.SayAsync(ann, "two");

        Assert.AreEqual(429, second.Status);
        StringAssert.Contains(second.Body, "你发言太快了。请稍等一下再发送。");
    }

    private sealed class PasswordAuthenticator : IAuthenticator
    {
        public ValueTask<AuthenticationResult> AuthenticateAsync(AuthenticationContext context, CancellationToken cancellationToken) =>
            new(context.Password == "right" ? AuthenticationResult.Success(context.UserName, ChatRole.User) : AuthenticationResult.Failure("Wrong password."));
    }
}
