using System.Net;
using PushChat.Internal.Chat.Changes;
using PushChat.Tests.Infrastructure;
using PushChat.Tests.Rooms;

namespace PushChat.Tests.Engine;

[TestClass]
public sealed class SessionListTests
{
    [TestMethod]
    public async Task The_host_s_session_list_sorts_outside_the_state_lock()
    {
        await using var chat = await ChatTestServer.StartAsync();
        chat.Enter("cid");
        chat.Enter("Ann");
        chat.Enter("ben");
        var state = chat.Engine().State;
        var appliedWhileSorting = false;
        state.SortingSessionList = () =>
        {
            // Another thread's change goes through at once while the list is being sorted.
            var change = Task.Run(() => state.Apply(new SessionStarted("s-dan", "dan", ChatRole.User, "#336699", IPAddress.Loopback, "Lobby")));
            appliedWhileSorting = change.Wait(RawHttpClient.SafetyTimeout);
        };

        var names = chat.Server.Sessions.Select(s => s.Name).ToArray();

        Assert.IsTrue(appliedWhileSorting, "the state lock was held while sorting");
        CollectionAssert.AreEqual(new[] { "Ann", "ben", "cid" }, names);
    }
}
