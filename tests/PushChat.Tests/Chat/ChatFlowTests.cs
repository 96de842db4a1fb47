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
}
