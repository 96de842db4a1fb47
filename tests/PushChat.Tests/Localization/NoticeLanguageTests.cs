using System;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PushChat.Internal.Chat.Changes;
using PushChat.Tests.Infrastructure;
using PushChat.Tests.Rooms;

namespace PushChat.Tests.Localization;

/// <summary>
/// The chat's notices worded in each reader's language: two readers of one room, one reading
/// English and one Chinese, see the same notice each in their own words.
/// </summary>
[TestClass]
public sealed partial class NoticeLanguageTests
{
    [TestMethod]
    public async Task Each_chat_frame_shows_joins_topics_and_leaves_in_its_readers_language()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var ann = await chat.LoginAsync("ann");
        var li = await chat.LoginAsync("li", language: "zh-Hans");
        await using var english = await chat.OpenChatAsync(ann, "ann joined.");
        await using var chinese = await chat.OpenChatAsync(li, "li 加入了。");

        var cid = await chat.LoginAsync("cid");
        await using var third = await chat.OpenChatAsync(cid, "cid joined.");
        await english.ReadStreamUntilAsync("cid joined.");
        await chinese.ReadStreamUntilAsync("cid 加入了。");

        chat.Server.SetTopic("Lobby", "tea");
        await english.ReadStreamUntilAsync("The topic is now: tea");
        await chinese.ReadStreamUntilAsync("现在的话题：tea");

        Assert.AreEqual(303, (await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Leave, $"sid={cid}"))).Status);
        await english.ReadStreamUntilAsync("cid left.");
        var text = await chinese.ReadStreamUntilAsync("cid 离开了。");

        Assert.IsFalse(text.Contains("cid joined.", StringComparison.Ordinal), "no English notice in the Chinese frame");
        Assert.IsFalse(english.StreamText.Contains("加入了", StringComparison.Ordinal), "no Chinese notice in the English frame");
    }

    [TestMethod]
    public async Task Each_event_stream_has_the_notice_in_its_readers_language_and_a_said_line_the_same_for_both()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var ann = await chat.LoginAsync("ann");
        var li = await chat.LoginAsync("li", language: "zh-Hans");
        var (english, _) = await ServerSentEvents.OpenAsync(chat, ann);
        await using var __ = english;
        var (chinese, _) = await ServerSentEvents.OpenAsync(chat, li);
        await using var ___ = chinese;
        await ServerSentEvents.ReadUntilLineAsync(english, "li joined.");
        await ServerSentEvents.ReadUntilLineAsync(chinese, "li 加入了。");

        var posted = new TaskCompletionSource<ChatMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        chat.Server.MessagePosted += (_, e) => { if (e.Message.Kind == ChatMessageKind.System) { posted.TrySetResult(e.Message); } };
        chat.Enter("cid");
        Assert.AreEqual(303, (await chat.SayAsync("s-cid", "hello")).Status);
        var inEnglish = await ServerSentEvents.ReadUntilLineAsync(english, "hello");
        var inChinese = await ServerSentEvents.ReadUntilLineAsync(chinese, "hello");

        var joinedEnglish = inEnglish.Single(e => e.Text == "cid joined.");
        var joinedChinese = inChinese.Single(e => e.Text == "cid 加入了。");
        Assert.AreEqual(joinedEnglish.Id, joinedChinese.Id, "one line of the room's log");
        Assert.AreEqual(inEnglish.Single(e => e.Text == "hello").Data, inChinese.Single(e => e.Text == "hello").Data, "a line someone said is the same JSON for every reader");
        Assert.AreEqual("cid joined.", (await posted.Task.Signal()).Text, "the host reads the default language");
    }

    [TestMethod]
    public async Task Folded_notices_read_in_chinese_with_a_count()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.FoldNoticesAbove = 3);
        var ann = await chat.LoginAsync("ann");
        var li = await chat.LoginAsync("li", language: "zh-Hans");
        await using var english = await chat.OpenChatAsync(ann, "ann joined.");
        await using var chinese = await chat.OpenChatAsync(li, "li 加入了。");
        chat.Enter("ben");
        foreach (var name in new[] { "dan", "eve", "fay", "gus" })
        {
            chat.Enter(name);
        }

        chat.Engine().Sessions.Leave(chat.Engine().Sessions.Find("s-ben")!, ChatLeaveReason.Left);
        chat.Time.Advance(TimeSpan.FromSeconds(1));

        await english.ReadStreamUntilAsync("dan, eve and 2 others joined. ben left.");
        await chinese.ReadStreamUntilAsync("dan、eve 和另外 2 人加入了。ben 离开了。");
    }

    [TestMethod]
    public async Task A_kicked_chinese_reader_is_told_in_chinese_and_the_room_in_each_readers_language()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var ann = await chat.LoginAsync("ann");
        var li = await chat.LoginAsync("li", language: "zh-Hans");
        var mei = await chat.LoginAsync("mei", language: "zh-Hans");
        await using var english = await chat.OpenChatAsync(ann, "ann joined.");
        await using var kicked = await chat.OpenChatAsync(li, "li 加入了。");
        await using var chinese = await chat.OpenChatAsync(mei, "mei 加入了。");

        Assert.IsTrue(chat.Server.Kick("li", "spam"));

        await kicked.ReadStreamUntilAsync("你被踢出了聊天室：spam");
        await english.ReadStreamUntilAsync("li was kicked out: spam");
        await chinese.ReadStreamUntilAsync("li 被踢出了聊天室：spam");
    }

    [TestMethod]
    public async Task A_refused_join_is_worded_in_the_sessions_language()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.Limits.MaxRoomOccupants = 1);
        chat.Server.CreateRoom("Den");
        chat.Enter("ben", room: "Den");
        var li = await chat.LoginAsync("li", language: "zh-Hans");
        var ann = await chat.LoginAsync("ann");

        var chinese = await chat.SayAsync(li, "/join Den");
        var english = await chat.SayAsync(ann, "/join Den");

        StringAssert.Contains(chinese.Body, "Den 已满，请稍后再试。");
        StringAssert.Contains(english.Body, "Den is full. Please try again later.");
    }

    [TestMethod]
    public async Task A_room_name_the_rules_refuse_is_explained_in_chinese()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var li = await chat.LoginAsync("li", language: "zh-Hans");

        var response = await chat.SayAsync(li, "/join " + new string('x', 200));

        StringAssert.Contains(response.Body, "聊天室名称最多");
    }

    [TestMethod]
    public async Task A_renewed_frame_says_in_its_readers_language_how_many_lines_it_missed()
    {
        await using var chat = await ChatTestServer.StartAsync(o =>
        {
            o.Limits.ChatFrameRenewAfterItems = 2;
            o.HistoryLength = 5;
        });
        var li = await chat.LoginAsync("li", language: "zh-Hans");
        await using var frame = await chat.OpenChatAsync(li, "li 加入了。");
        chat.Server.PostNotice("one");
        Assert.IsTrue(await frame.ReadToEndAsync());
        var address = Refresh().Match(frame.StreamText).Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);
        for (var i = 1; i <= 8; i++)
        {
            chat.Server.PostNotice($"away {i}");
        }

        await using var renewed = await chat.ConnectAsync();
        await renewed.SendAsync(ChatTestServer.Get(address));
        Assert.AreEqual(200, (await renewed.ReadResponseAsync()).Status);
        var text = await renewed.ReadStreamUntilAsync("away 8");

        StringAssert.Contains(text, "此窗口重新载入时错过了 3 条消息。");
    }

    [GeneratedRegex("<meta http-equiv=\"refresh\" content=\"0; url=([^\"]+)\">")]
    private static partial Regex Refresh();
}
