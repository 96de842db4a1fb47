using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using PushChat.Authentication;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Chat.Commands;
using PushChat.Internal.Chat.Services;
using PushChat.Internal.Chat.State;
using PushChat.Internal.Infrastructure;
using PushChat.Tests.Infrastructure;
using PushChat.Tests.Rooms;
using PushChat.Users;

namespace PushChat.Tests.Commands;

/// <summary>
/// What a command does after its change depends on that change being applied: the commands
/// await each change before the next step, so they hold when the bus answers later, as a node of
/// a scaled-out chat does. The engine under test shares a running server's state, with a bus
/// that holds every change until the test applies it.
/// </summary>
[TestClass]
public sealed class AwaitedChangeTests
{
    [TestMethod]
    public async Task A_line_sent_with_a_new_colour_waits_for_the_colour_and_is_said_in_it()
    {
        // No filters: a line that did not wait would be submitted before RunAsync first yields.
        await using var chat = await ChatTestServer.StartAsync(o => o.MessageFilters.Clear());
        var ann = chat.Enter("ann");
        var (engine, bus) = HeldEngine(chat);

        var talking = engine.Commands.Talk.RunAsync(ann.Id, new TalkRequest("in violet", To: string.Empty, Private: false, Action: string.Empty, Color: "#7035b8"), default);

        Assert.AreEqual(1, bus.Held.Count, "the line waits until its colour is applied");
        Assert.IsInstanceOfType<ColorChanged>(await bus.SubmittedAsync());
        bus.ApplyOldest();
        var line = await bus.SubmittedAsync();
        Assert.AreEqual("#7035b8", ((LinePosted)line).SenderColor, "the line is said in the colour picked with it");
        bus.ApplyOldest();
        Assert.IsTrue((await talking.WaitAsync(RawHttpClient.SafetyTimeout)).IsDone);
    }

    [TestMethod]
    public async Task Opening_a_room_moves_the_session_only_once_the_room_is_there()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var ann = chat.Enter("ann");
        var (engine, bus) = HeldEngine(chat);

        var joining = engine.Commands.Rooms.JoinAsync(ann.Id, "Garden").AsTask();

        Assert.IsInstanceOfType<RoomCreated>(await bus.SubmittedAsync());
        Assert.AreEqual(1, bus.Held.Count, "the move waits for the room");
        bus.ApplyOldest();
        Assert.AreEqual("Garden", ((SessionMoved)await bus.SubmittedAsync()).Room);
        Assert.AreEqual("Lobby", ann.Room.Name, "not moved before the move is applied");
        bus.ApplyOldest();
        var joined = await joining.WaitAsync(RawHttpClient.SafetyTimeout);
        Assert.AreEqual("Garden", joined.Value?.Name, joined.Error?.ToString());
        Assert.AreEqual("Garden", ann.Room.Name);
    }

    [TestMethod]
    public async Task A_login_answers_with_its_session_once_the_session_is_applied()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var (engine, bus) = HeldEngine(chat);

        var login = engine.Commands.Accounts.LogInAsync("guestly", string.Empty, new IPEndPoint(IPAddress.Loopback, 40000), room: null, default);

        var started = (SessionStarted)await bus.SubmittedAsync();
        Assert.IsFalse(login.IsCompleted, "the login waits for its session");
        bus.ApplyOldest();
        var outcome = await login.WaitAsync(RawHttpClient.SafetyTimeout);
        Assert.IsTrue(outcome.IsDone, outcome.Error?.ToString());
        Assert.AreEqual(started.SessionId, outcome.Value!.Id);
    }

    /// <summary>A second engine over the server's state, whose changes wait in a <see cref="HeldChangeBus"/>.</summary>
    private static (ChatEngine Engine, HeldChangeBus Bus) HeldEngine(ChatTestServer chat)
    {
        var served = chat.Engine();
        var bus = new HeldChangeBus(served.State);
        var engine = new ChatEngine(served.Options, new UserStoreAuthenticator(new InMemoryUserStore(), allowGuests: true), served.Renderer, served.Time, NullLogger.Instance, served.State, bus, new PasswordVerifier(1));
        return (engine, bus);
    }
}
