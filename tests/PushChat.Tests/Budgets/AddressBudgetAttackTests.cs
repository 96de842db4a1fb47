using System.Net;
using System.Text;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Budgets;

/// <summary>
/// An attacker on real sockets with the default limits: slow-header sockets and pipelined guest
/// logins from its addresses, while a user at another address logs in and chats. Outcomes are
/// counted; no time is measured.
/// </summary>
[TestClass]
public sealed class AddressBudgetAttackTests
{
    private const int SlowSockets = 500;
    private const int FloodSockets = 10;
    private const int LoginsPerSocket = 50;

    private static readonly IPAddress Attacker = IPAddress.Parse("127.0.0.1");
    private static readonly IPAddress Flooder = IPAddress.Parse("127.0.0.3");
    private static readonly IPAddress User = IPAddress.Parse("127.0.0.2");

    [TestMethod]
    public async Task Slow_headers_and_a_login_flood_leave_another_address_chatting()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var slow = new List<RawHttpClient>();
        try
        {
            var slowRefused = 0;
            for (var i = 0; i < SlowSockets; i++)
            {
                var client = await chat.ConnectAsync(from: Attacker);
                slow.Add(client);
                try
                {
                    await client.SendAsync("GET / HTTP/1.1\r\nHo");
                }
                catch (System.Net.Sockets.SocketException)
                {
                    // Refused and closed before the bytes went out.
                }
            }

            // The admitted ones stall; every refused one was answered 503 and closed.
            var admitted = chat.Server.Connections!.Snapshot().Count(c => c.RemoteEndPoint.Address.Equals(Attacker));
            foreach (var client in slow.Skip(admitted))
            {
                var response = await client.ReadResponseAsync();
                Assert.AreEqual(503, response.Status);
                slowRefused++;
            }

            Assert.AreEqual(64, admitted, "MaxConnectionsPerAddress holds the slow sockets of one address");
            Assert.AreEqual(SlowSockets - 64, slowRefused);

            var flood = Task.WhenAll(Enumerable.Range(0, FloodSockets).Select(FloodAsync));
            var user = UserChatsAsync(chat);
            var outcomes = (await flood.WaitAsync(TimeSpan.FromMinutes(2))).SelectMany(o => o).ToArray();
            await user.WaitAsync(TimeSpan.FromMinutes(2));

            var admittedLogins = outcomes.Count(s => s == 303);
            Assert.AreEqual(FloodSockets * LoginsPerSocket, outcomes.Length);
            Assert.IsLessThanOrEqualTo(4, admittedLogins, "never-opened sessions per address");
            Assert.IsGreaterThan(0, outcomes.Count(s => s == 429), "logins per minute per address");
            Assert.AreEqual(outcomes.Length, outcomes.Count(s => s is 303 or 429 or 503), string.Join(",", outcomes.Distinct()));
            Assert.IsLessThanOrEqualTo(4 + 1, chat.Server.Engine!.State.Sessions.Count);
        }
        finally
        {
            foreach (var client in slow)
            {
                await client.DisposeAsync();
            }
        }

        async Task<int[]> FloodAsync(int socket)
        {
            await using var client = await chat.ConnectAsync(from: Flooder);
            var burst = new StringBuilder();
            for (var i = 0; i < LoginsPerSocket; i++)
            {
                burst.Append(ChatTestServer.Post(ChatRoutes.Login, $"name=f{socket}x{i}&password="));
            }

            await client.SendAsync(burst.ToString());
            var statuses = new int[LoginsPerSocket];
            for (var i = 0; i < LoginsPerSocket; i++)
            {
                statuses[i] = (await client.ReadResponseAsync()).Status;
            }

            return statuses;
        }
    }

    private static async Task UserChatsAsync(ChatTestServer chat)
    {
        var sid = await chat.LoginAsync("alice", from: User);
        await using (var reader = await chat.OpenChatAsync(sid, from: User))
        {
            for (var i = 0; i < 5; i++)
            {
                Assert.AreEqual(303, (await chat.SayAsync(sid, $"line {i}", User)).Status);
            }

            var text = await reader.ReadStreamUntilAsync("line 4");
            for (var i = 0; i < 5; i++)
            {
                StringAssert.Contains(text, $"line {i}");
            }
        }
    }
}
