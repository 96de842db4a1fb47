using System.Net;
using PushChat.Tests.Infrastructure;
using PushChat.Tests.Moderation;
using PushChat.Tests.Rooms;

namespace PushChat.Tests.Policy;

/// <summary>Every state-changing command and every query draws on a budget per session and per address; admins have none.</summary>
[TestClass]
public sealed class CommandBudgetTests
{
    [TestMethod]
    public async Task A_join_flood_of_sixty_round_trips_is_bounded_and_refused_with_429_keeping_the_text()
    {
        await using var chat = await ModerationSetup.StartAsync();
        var (mallory, malloryChat) = await ModerationSetup.EnterAsync(chat, "mallory");
        var (_, readerChat) = await ModerationSetup.EnterAsync(chat, "reader");
        await using var m = malloryChat;
        await using var r = readerChat;

        var accepted = 0;
        RawResponse? refused = null;
        for (var i = 0; i < 60; i++)
        {
            var response = await chat.SayAsync(mallory, i % 2 == 0 ? "/join Den" : "/join Lobby");
            if (response.Status == 303)
            {
                accepted++;
            }
            else
            {
                Assert.AreEqual(429, response.Status, response.Body);
                refused = response;
            }
        }

        Assert.IsTrue(accepted <= 12, $"{accepted} of 60 moves were accepted");
        Assert.IsNotNull(refused);
        StringAssert.Contains(refused.Body, "Wait");
        StringAssert.Contains(refused.Body, "/join", "the talk box keeps the text");
        var root = await chat.LoginAsync("root", ModerationSetup.Password);
        for (var i = 0; i < 30; i++)
        {
            Assert.AreEqual(303, (await chat.SayAsync(root, i % 2 == 0 ? "/join Den" : "/join Lobby")).Status, "admins have no command budget");
        }
    }

    [TestMethod]
    [DataRow("/color red|/color blue")]
    [DataRow("/who")]
    [DataRow("/help")]
    [DataRow("/rooms")]
    [DataRow("/ignore nobody|/unignore nobody")]
    public async Task A_command_repeated_by_one_session_is_refused_once_its_budget_is_spent(string command)
    {
        await using var chat = await ChatTestServer.StartAsync();
        var (sid, stream) = await chat.EnterAsync("mallory");
        await using var s = stream;

        // Alternating commands each change something, so each one costs.
        var commands = command.Split('|');
        var statuses = new List<int>();
        for (var i = 0; i < 40; i++)
        {
            statuses.Add((await chat.SayAsync(sid, commands[i % commands.Length])).Status);
        }

        Assert.AreEqual(303, statuses[0]);
        CollectionAssert.Contains(statuses, 429, command);
        var next = commands[statuses.Count % commands.Length];
        chat.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.AreEqual(303, (await chat.SayAsync(sid, next)).Status, "the budget fills again");
    }

    [TestMethod]
    public async Task Lines_sent_with_the_colour_picker_unchanged_cost_no_colour_budget()
    {
        await using var chat = await ChatTestServer.StartAsync(o =>
        {
            o.Limits.WithoutAddressBudgets();
            o.MessageFilters.Clear();
        });
        var (sid, stream) = await chat.EnterAsync("alice");
        await using var s = stream;
        Assert.AreEqual(303, (await chat.TalkAsync(sid, "first", color: "red")).Status);

        for (var i = 0; i < 25; i++)
        {
            var said = await chat.TalkAsync(sid, $"line {i}", color: "red");
            Assert.AreEqual(303, said.Status, $"line {i}: {said.Body}");
        }

        await stream.ReadStreamUntilAsync("line 24");
    }

    [TestMethod]
    public async Task Sessions_of_one_address_share_a_budget_and_another_address_keeps_its_own()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.Limits.WithoutAddressBudgets());
        var engine = chat.Engine();
        var crowd = Enumerable.Range(1, 8).Select(i => chat.Enter($"m{i}", ChatRole.Guest)).ToArray();

        var refused = 0;
        foreach (var session in crowd)
        {
            for (var i = 0; i < 8; i++)
            {
                refused += engine.Sessions.SetColor(session, i % 2 == 0 ? "red" : "blue").StatusCode == 429 ? 1 : 0;
            }
        }

        Assert.IsTrue(refused > 0, "64 colour changes from one address within a minute");
        var state = engine.State;
        Assert.IsFalse(state.Apply(new PushChat.Internal.Chat.Changes.SessionStarted("s-far", "far", ChatRole.Guest, "#336699", IPAddress.Parse("192.0.2.7"), "Lobby")).IsRefused);
        Assert.AreEqual(200, engine.Sessions.SetColor(state.Sessions.Find("s-far")!, "red").StatusCode, "another address has its own budget");
    }
}
