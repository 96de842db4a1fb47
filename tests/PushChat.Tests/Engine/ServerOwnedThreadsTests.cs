using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Engine;

/// <summary>Every dedicated thread belongs to one server: two servers in one process run and stop independently.</summary>
[TestClass]
public sealed class ServerOwnedThreadsTests
{
    [TestMethod]
    public async Task Two_servers_in_one_process_deliver_and_stop_independently_leaving_no_thread_behind()
    {
        var first = await ChatTestServer.StartAsync();
        var second = await ChatTestServer.StartAsync();
        try
        {
            var firstThreads = first.Server.WorkerThreads;
            var secondThreads = second.Server.WorkerThreads;
            Assert.IsNotEmpty(firstThreads);
            Assert.IsNotEmpty(secondThreads);
            Assert.IsEmpty(firstThreads.Intersect(secondThreads), "no thread is shared between the servers");

            var (annSid, ann) = await first.EnterAsync("ann");
            await using var a = ann;
            await first.SayAsync(annSid, "before the other stops");
            await a.ReadStreamUntilAsync("before the other stops");

            var (benSid, ben) = await second.EnterAsync("ben");
            await using var b = ben;
            var (_, cat) = await second.EnterAsync("cat");
            await using var c = cat;

            await first.DisposeAsync();
            foreach (var thread in firstThreads)
            {
                Assert.IsFalse(thread.IsAlive, $"{thread.Name} ended with its server");
            }

            Assert.IsTrue(await a.ReadToEndAsync(), "the stopped server's reader was closed");

            await second.SayAsync(benSid, "after the other stopped");
            await b.ReadStreamUntilAsync("after the other stopped");
            await c.ReadStreamUntilAsync("after the other stopped");
            Assert.IsTrue(secondThreads.All(t => t.IsAlive), "the running server kept its threads");

            await second.DisposeAsync();
            foreach (var thread in secondThreads)
            {
                Assert.IsFalse(thread.IsAlive, $"{thread.Name} ended with its server");
            }
        }
        finally
        {
            await first.DisposeAsync();
            await second.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task A_server_names_its_threads_apart_from_every_other_server()
    {
        await using var first = await ChatTestServer.StartAsync();
        await using var second = await ChatTestServer.StartAsync();

        var firstNames = first.Server.WorkerThreads.Select(t => t.Name).ToArray();
        var secondNames = second.Server.WorkerThreads.Select(t => t.Name).ToArray();

        Assert.IsTrue(firstNames.All(n => n is not null && n.StartsWith("PushChat ", StringComparison.Ordinal)), string.Join(", ", firstNames));
        Assert.IsEmpty(firstNames.Intersect(secondNames), "a thread dump tells the servers apart");
    }
}
