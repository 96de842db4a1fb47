using System.Collections.Concurrent;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Engine;

[TestClass]
public sealed class JoinLeaveOrderTests
{
    [TestMethod]
    public async Task A_leave_racing_the_first_open_never_comes_before_the_join()
    {
        await using var chat = await ChatTestServer.StartAsync(o =>
        {
            o.MessageFilters.Clear();
            o.Limits.MaxConnectionsPerAddress = 1000;
            o.Limits.WithoutAddressBudgets();

            // Every join and leave gets its own line here, so each user's pair can be found.
            o.FoldNoticesAbove = 1000;
        });
        var events = new ConcurrentQueue<string>();
        chat.Server.UserJoined += (_, e) => events.Enqueue("joined " + e.User.Name);
        chat.Server.UserLeft += (_, e) => events.Enqueue("left " + e.User.Name);
        var watcher = await chat.LoginAsync("watcher");
        await using var watcherChat = await chat.OpenChatAsync(watcher);
        const int Users = 300;

        var races = Enumerable.Range(0, Users).Select(async i =>
        {
            var sid = await chat.LoginAsync("u" + i);
            await using var reader = await chat.ConnectAsync();
            var open = reader.SendAsync(ChatTestServer.Get($"/chat?sid={sid}"));
            var leave = chat.RequestAsync(ChatTestServer.Post("/leave", $"sid={sid}"));
            await Task.WhenAll(open, leave);
            await reader.ReadToEndAsync();
        });
        await Task.WhenAll(races);
        chat.Server.PostNotice("all done");

        var text = await watcherChat.ReadStreamUntilAsync("all done");
        for (var i = 0; i < Users; i++)
        {
            var joined = text.IndexOf($"u{i} joined.", StringComparison.Ordinal);
            var left = text.IndexOf($"u{i} left.", StringComparison.Ordinal);
            Assert.IsTrue(joined < 0 || (left > joined), $"u{i}: a leave line before its join line");
            Assert.IsFalse(joined < 0 && left >= 0, $"u{i}: a leave line without a join line");
        }

        var order = events.ToList();
        for (var i = 0; i < Users; i++)
        {
            var joined = order.IndexOf($"joined u{i}");
            var left = order.IndexOf($"left u{i}");
            Assert.IsFalse(left >= 0 && joined > left, $"u{i}: UserLeft raised before UserJoined");
        }

        Assert.AreEqual(1, chat.Server.Engine!.State.Rooms.Default.StreamCount, "no stream stays attached after its session ended");
    }
}
