using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Engine;

[TestClass]
public sealed class ListenerTests
{
    [TestMethod]
    public async Task A_failure_while_admitting_one_connection_does_not_stop_accepting()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var failed = 0;
        chat.Server.Connections!.Added += _ =>
        {
            if (Interlocked.Exchange(ref failed, 1) == 0)
            {
                throw new InvalidOperationException("admission bug");
            }
        };

        await using (var first = await chat.ConnectAsync())
        {
            await first.SendAsync(ChatTestServer.Get("/health"));
            await first.ReadToEndAsync();
        }

        var response = await chat.RequestAsync(ChatTestServer.Get("/health"));
        Assert.AreEqual(200, response.Status);
        Assert.IsTrue(chat.Server.IsRunning);
    }
}
