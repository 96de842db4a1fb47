using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using PushChat.Tests.Infrastructure;
using static PushChat.Tests.Infrastructure.JsonSocket;

namespace PushChat.Tests.Localization;

/// <summary>The WebSocket protocol's error messages, in the client's language.</summary>
[TestClass]
public sealed class SocketLanguageTests
{
    [TestMethod]
    public async Task A_chinese_browsers_refused_command_is_answered_in_chinese()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var ann = await chat.LoginAsync("ann", language: "zh-Hans");
        using var browser = new ClientWebSocket();
        browser.Options.SetRequestHeader("Cookie", chat.Cookies.HeaderValue()!);
        browser.Options.SetRequestHeader("Origin", $"http://{chat.Server.LocalEndPoint}");
        await browser.ConnectAsync(new Uri($"ws://{chat.Server.LocalEndPoint}{ChatRoutes.WebSocket}?sid={ann}"), CancellationToken.None);
        await SendAsync(browser, """{"type":"hello","version":1}""");
        await ReceiveUntilAsync(browser, m => m.GetProperty("type").GetString() == "welcome");

        await SendAsync(browser, """{"type":"command","text":"/kick","id":1}""");
        var kick = await ReceiveUntilAsync(browser, m => m.GetProperty("type").GetString() == "error");
        await SendAsync(browser, """{"type":"command","text":"/dance","id":2}""");
        var unknown = await ReceiveUntilAsync(browser, m => m.GetProperty("type").GetString() == "error");

        Assert.AreEqual("请输入 /kick 名字，愿意的话再加上理由。", kick.GetProperty("message").GetString());
        StringAssert.StartsWith(unknown.GetProperty("message").GetString(), "没有 /dance 这个命令。");
    }

    [TestMethod]
    public async Task A_bot_logging_in_with_a_chinese_language_reads_chinese_and_is_refused_in_chinese()
    {
        await using var chat = await ChatTestServer.StartAsync();
        using var bot = await ConnectAsync(chat);

        await SendAsync(bot, """{"type":"login","version":1,"name":"bot","language":"zh-Hans"}""");
        await ReceiveUntilAsync(bot, m => m.GetProperty("type").GetString() == "welcome");
        await SendAsync(bot, """{"type":"command","text":"/dance","id":1}""");
        var unknown = await ReceiveUntilAsync(bot, m => m.GetProperty("type").GetString() == "error");
        await SendAsync(bot, """{"type":"login","name":"bot2","id":2}""");
        var again = await ReceiveUntilAsync(bot, m => m.GetProperty("type").GetString() == "error");

        Assert.AreEqual("zh-Hans", chat.Server.Engine!.State.Sessions.FindByName("bot")!.Language.Tag);
        StringAssert.StartsWith(unknown.GetProperty("message").GetString(), "没有 /dance 这个命令。");
        StringAssert.StartsWith(again.GetProperty("message").GetString(), "此连接已经登录");
    }

    [TestMethod]
    public async Task A_login_with_an_unknown_language_falls_back_to_the_default()
    {
        await using var chat = await ChatTestServer.StartAsync();
        using var bot = await ConnectAsync(chat);

        await SendAsync(bot, """{"type":"login","version":1,"name":"bot","language":"tlh"}""");
        await ReceiveUntilAsync(bot, m => m.GetProperty("type").GetString() == "welcome");

        Assert.AreEqual("en", chat.Server.Engine!.State.Sessions.FindByName("bot")!.Language.Tag);
    }

    [TestMethod]
    public async Task Before_a_login_the_upgrade_requests_language_words_the_refusal()
    {
        await using var chat = await ChatTestServer.StartAsync();
        using var bot = new ClientWebSocket();
        bot.Options.SetRequestHeader("Accept-Language", "zh-CN,zh;q=0.9");
        await bot.ConnectAsync(new Uri($"ws://{chat.Server.LocalEndPoint}{ChatRoutes.WebSocket}"), CancellationToken.None);

        await SendAsync(bot, """{"type":"say","text":"hi","id":1}""");
        var refused = await ReceiveUntilAsync(bot, m => m.GetProperty("type").GetString() == "error");

        StringAssert.StartsWith(refused.GetProperty("message").GetString(), "请先登录");
    }

    [TestMethod]
    public async Task A_login_refused_for_its_name_is_worded_in_the_language_it_asked_for()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.ReservedNames.Add("boss"));
        using var bot = await ConnectAsync(chat);

        await SendAsync(bot, """{"type":"login","version":1,"name":"boss","language":"zh-Hans"}""");
        var refused = await ReceiveUntilAsync(bot, m => m.GetProperty("type").GetString() == "error");

        StringAssert.StartsWith(refused.GetProperty("message").GetString(), "这个名字保留给服务器");
    }
}
