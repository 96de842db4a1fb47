using System.Net;
using System.Text.RegularExpressions;
using PushChat.Internal.Chat.State;
using PushChat.Internal.Push;
using PushChat.Internal.Transport;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Security;

/// <summary>
/// Attacks over real loopback sockets against a server with its default protections, all from
/// one attacker address, while sam (another address) talks to vera (a third) and every one of
/// sam's lines reaches vera's open chat stream, in order. Each attack is refused or bounded.
/// </summary>
[TestClass]
public sealed class AttackTests
{
    private const string Red = "#a8321f";

    private static readonly TimeSpan BudgetWindow = TimeSpan.FromMinutes(1);

    [TestMethod]
    public async Task A_guest_owned_room_gives_its_owner_only_a_short_mute_there_and_nothing_beyond()
    {
        await using var scene = await AttackScene.StartAsync();
        var trapperBrowser = AttackScene.NewBrowser();
        var visitorBrowser = AttackScene.NewBrowser();
        var (trapper, trapperChat) = await scene.EnterAsync(trapperBrowser, "trapper");
        var (visitor, visitorChat) = await scene.EnterAsync(visitorBrowser, "visitor");
        await scene.SamSaysAsync("welcome");

        // A guest who opens a room owns it, and owning a room is all the authority a guest gets.
        await scene.JoinAsync(trapperBrowser, trapper, trapperChat, "trapper", "Trap");
        await scene.JoinAsync(visitorBrowser, visitor, visitorChat, "visitor", "Trap");
        await scene.SamSaysAsync("anyone seen the visitor?");

        // A year is a server-wide act; an owner's mute is capped at MaxRoomMuteDuration (1 hour) and holds in the room only.
        var year = await scene.SayAsync(trapperBrowser, trapper, "/mute visitor 365d");
        Assert.AreEqual(403, year.Status, year.Body);
        StringAssert.Contains(year.Body, "at most 1 hour");
        Assert.AreEqual(303, (await scene.SayAsync(trapperBrowser, trapper, "/mute visitor 1h")).Status, "the capped mute is the owner's to give");
        Assert.AreEqual(403, (await scene.SayAsync(visitorBrowser, visitor, "let me talk")).Status, "muted in Trap");

        // Bans and address look-ups are an admin's: a room owner has no say over the server.
        await AssertRefusedAsync("/ban visitor 1d spam", "Only an admin can ban users.");
        await AssertRefusedAsync("/banip visitor 1d spam", "Only an admin can ban addresses.");
        await AssertRefusedAsync("/ip visitor", "Only an admin can look up addresses.");
        await scene.SamSaysAsync("still here");

        // The mute does not follow the visitor out of Trap.
        await scene.JoinAsync(visitorBrowser, visitor, visitorChat, "visitor", "Lobby");
        Assert.AreEqual(303, (await scene.SayAsync(visitorBrowser, visitor, "free in the lobby")).Status, "the room mute holds in Trap only");
        await scene.VeraChat.ReadStreamUntilAsync("free in the lobby");

        // In the Lobby the trapper is a guest like any other: no kick, no mute there.
        await scene.JoinAsync(trapperBrowser, trapper, trapperChat, "trapper", "Lobby");
        await AssertRefusedAsync("/kick visitor", "Only an admin or an owner of Lobby can kick users there.");
        await AssertRefusedAsync("/kick vera", "Only an admin or an owner of Lobby can kick users there.");
        await AssertRefusedAsync("/mute vera 10m", "Only an admin or an owner of Lobby can mute users there.");
        await scene.SamSaysAsync("bye");

        Assert.IsTrue(scene.Chat.Server.OnlineUsers.Any(u => u.Name == "visitor"), "the visitor is still online");
        Assert.AreEqual(303, (await scene.Chat.SayAsync(scene.Vera, "vera was never muted", AttackScene.VeraAddress)).Status, "the trapper's mute never reached vera");
        await scene.AssertVeraGotEverySamLineAsync(4);

        async Task AssertRefusedAsync(string command, string message)
        {
            var response = await scene.SayAsync(trapperBrowser, trapper, command);
            Assert.AreEqual(403, response.Status, $"{command}: {response.Body}");
            StringAssert.Contains(response.Body, WebUtility.HtmlEncode(message), command);
        }
    }

    [TestMethod]
    public async Task A_stolen_session_link_without_its_cookie_gets_403_everywhere_and_the_owners_stream_goes_on()
    {
        await using var scene = await AttackScene.StartAsync();
        await scene.SamSaysAsync("before the theft");
        var vera = scene.Vera;

        // The link alone is not the session: the browser secret cookie set at login is missing.
        var requests = new[]
        {
            ChatTestServer.Get($"{ChatRoutes.Chat}?sid={vera}"),
            ChatTestServer.Post(ChatRoutes.Say, $"sid={vera}&text=stolen+words"),
            ChatTestServer.Get($"{ChatRoutes.Password}?sid={vera}"),
            ChatTestServer.Post(ChatRoutes.Password, $"sid={vera}&current=guess&password=battery+staple&confirm=battery+staple"),
            ChatTestServer.Post(ChatRoutes.Leave, $"sid={vera}"),
        };
        foreach (var raw in requests)
        {
            var stolen = await scene.RequestAsync(null, raw);
            Assert.AreEqual(403, stolen.Status, $"{raw.Split("\r\n")[0]}: {stolen.Body}");
            StringAssert.Contains(stolen.Body, "This chat link belongs to another browser");
            Assert.AreNotEqual("chunked", stolen.Headers.GetValueOrDefault("Transfer-Encoding"), "no chat stream was opened");
            Assert.IsEmpty(stolen.SetCookies, "the thief is not handed a cookie");
            await scene.SamSaysAsync($"during {raw.Split(' ')[1].Split('?')[0]}");
        }

        Assert.IsNotNull(scene.Chat.Server.Engine!.Sessions.Find(vera), "the thief could not end vera's session");
        Assert.AreEqual(303, (await scene.Chat.SayAsync(vera, "still mine", AttackScene.VeraAddress)).Status, "vera's own browser still uses it");
        await scene.SamSaysAsync("after the theft");
        Assert.DoesNotContain("stolen words", await scene.VeraChat.ReadStreamUntilAsync("still mine"));
        Assert.IsTrue(PushChat.Internal.Infrastructure.PasswordHasher.Verify(AttackScene.Password, (await scene.Users.FindAsync("vera", default))!.PasswordHash), "the password is unchanged");
        await scene.AssertVeraGotEverySamLineAsync(7);
    }

    [TestMethod]
    public async Task A_registration_script_gets_no_more_accounts_than_the_address_budget()
    {
        await using var scene = await AttackScene.StartAsync();
        var budget = scene.Chat.Server.Engine!.Options.Limits.MaxRegistrationsPerAddressPerHour;
        var accountsBefore = scene.Users.Count;
        var made = 0;
        RawResponse? refused = null;

        // Each registration runs in a fresh browser and leaves at once, as a script would to stay under the unopened-session cap.
        for (var i = 1; i <= 20 && refused is null; i++)
        {
            var browser = AttackScene.NewBrowser();
            var registered = await scene.RequestAsync(browser, ChatTestServer.Post(ChatRoutes.Register, $"name=squat{i}&password=battery+staple+{i}&confirm=battery+staple+{i}"));
            if (registered.Status == 303)
            {
                made++;
                var sid = registered.Headers["Location"].Split("sid=")[1];
                Assert.AreEqual(303, (await scene.RequestAsync(browser, ChatTestServer.Post(ChatRoutes.Leave, $"sid={sid}"))).Status);
            }
            else
            {
                refused = registered;
            }

            await scene.SamSaysAsync($"registration {i} went by");
        }

        Assert.IsNotNull(refused, "twenty registrations from one address all went through");
        Assert.AreEqual(429, refused.Status, refused.Body);
        StringAssert.Contains(refused.Body, "Too many registrations from your network");
        Assert.IsLessThanOrEqualTo(budget, made, $"{made} accounts against a budget of {budget}");
        Assert.AreEqual(budget, made, "the budget itself is usable");
        Assert.AreEqual(accountsBefore + made, scene.Users.Count, "a refused registration makes no account");
        await scene.AssertVeraGotEverySamLineAsync(made + 1);
    }

    [TestMethod]
    public async Task A_join_and_colour_flood_from_one_session_and_from_several_sessions_of_one_address_is_bounded()
    {
        await using var scene = await AttackScene.StartAsync();
        var chat = scene.Chat;
        chat.Server.CreateRoom("Den");
        var mallory = AttackScene.NewBrowser();
        var (sid, _) = await scene.EnterAsync(mallory, "mallory");
        var mark = (await scene.VeraChat.ReadStreamUntilAsync("mallory joined.")).Length;

        // One session: /join costs readers a notice each time, so it draws on 10 a minute per session.
        var joins = await FloodAsync(mallory, sid, 40, Move);
        Assert.IsLessThanOrEqualTo(10, joins.Accepted, $"{joins.Accepted} of 40 moves accepted from one session");
        Assert.IsGreaterThan(0, joins.Accepted);
        AssertRefusal(joins.Refused, "/join");
        StringAssert.Contains(joins.Refused!.Body, "You change rooms too often: at most 10 times in 1 minute.");
        await scene.SamSaysAsync("after the join flood of one session");
        var text = (await scene.VeraChat.ReadStreamUntilAsync("after the join flood of one session"))[mark..];
        Assert.IsLessThanOrEqualTo(joins.Accepted, MoveNotices(text, "mallory"), "vera sees at most one notice per accepted move");
        Assert.IsGreaterThan(0, MoveNotices(text, "mallory"));

        // /color changes nothing readers see but rebuilds everyone's names list: 10 a minute per session.
        var colours = await FloodAsync(mallory, sid, 40, Recolour);
        Assert.IsLessThanOrEqualTo(10, colours.Accepted, $"{colours.Accepted} of 40 colour changes accepted");
        AssertRefusal(colours.Refused, "/color");
        StringAssert.Contains(colours.Refused!.Body, "You change colours too often: at most 10 times in 1 minute.");
        await scene.SamSaysAsync("after the colour flood of one session");

        // Several sessions of one address share that address's budget of 30 a minute.
        chat.Time.Advance(BudgetWindow);
        var crowd = new List<(CookieJar Browser, string Sid)>();
        for (var i = 1; i <= 6; i++)
        {
            var browser = AttackScene.NewBrowser();
            var (member, _) = await scene.EnterAsync(browser, $"m{i}");
            crowd.Add((browser, member));
        }

        mark = (await scene.VeraChat.ReadStreamUntilAsync($"m{crowd.Count} joined.")).Length;
        await scene.SamSaysAsync("the crowd is in");
        var crowdJoins = 0;
        var crowdColours = 0;
        var crowdRefusals = new List<RawResponse>();
        foreach (var (browser, member) in crowd)
        {
            var moved = await FloodAsync(browser, member, 12, Move);
            var recoloured = await FloodAsync(browser, member, 12, Recolour);
            crowdJoins += moved.Accepted;
            crowdColours += recoloured.Accepted;
            crowdRefusals.AddRange(new[] { moved.Refused, recoloured.Refused }.OfType<RawResponse>());
        }

        // Six sessions could make 60 changes of each on their own budgets; the address's budget stops them at 30.
        Assert.IsTrue(crowdRefusals.Any(r => r.Body.Contains("Too many people on your network", StringComparison.Ordinal)), "the address budget was never what refused");

        Assert.IsLessThanOrEqualTo(30, crowdJoins, $"{crowdJoins} moves accepted from six sessions of one address");
        Assert.IsLessThanOrEqualTo(30, crowdColours, $"{crowdColours} colour changes accepted from six sessions of one address");
        await scene.SamSaysAsync("after the floods of the crowd");
        text = (await scene.VeraChat.ReadStreamUntilAsync("after the floods of the crowd"))[mark..];
        var crowdNotices = crowd.Select((_, i) => MoveNotices(text, $"m{i + 1}")).Sum();
        Assert.IsLessThanOrEqualTo(crowdJoins, crowdNotices, "vera sees at most one notice per accepted move");

        // The window passes and the budget fills again: bounded, not banned.
        chat.Time.Advance(BudgetWindow);
        Assert.AreEqual(303, (await scene.SayAsync(mallory, sid, "/color green")).Status);
        await scene.SamSaysAsync("the end");
        await scene.AssertVeraGotEverySamLineAsync(5);

        // Each request asks for a real change (the other room, the other colour): picking what one has costs nothing and proves nothing.
        async Task<(int Accepted, RawResponse? Refused)> FloodAsync(CookieJar browser, string session, int count, Func<PushChat.Internal.Chat.State.ChatSession, (string Command, Func<bool> Changed)> next)
        {
            var accepted = 0;
            RawResponse? refused = null;
            for (var i = 0; i < count; i++)
            {
                var (command, changed) = next(chat.Server.Engine!.Sessions.Find(session)!);
                var response = await scene.SayAsync(browser, session, command);
                if (response.Status == 303)
                {
                    Assert.IsTrue(changed(), $"{command} was accepted but changed nothing");
                    accepted++;
                }
                else
                {
                    Assert.AreEqual(429, response.Status, $"{command}: {response.Body}");
                    Assert.IsFalse(changed(), $"{command} was refused but took effect");
                    refused ??= response;
                }
            }

            return (accepted, refused);
        }

        static (string, Func<bool>) Move(PushChat.Internal.Chat.State.ChatSession session)
        {
            var to = session.Room.Name == "Den" ? "Lobby" : "Den";
            return ($"/join {to}", () => session.Room.Name == to);
        }

        static (string, Func<bool>) Recolour(PushChat.Internal.Chat.State.ChatSession session)
        {
            var was = session.Color;
            return (was == Red ? "/color blue" : "/color red", () => session.Color != was);
        }

        static void AssertRefusal(RawResponse? refused, string command)
        {
            Assert.IsNotNull(refused, $"{command} was never refused");
            StringAssert.Contains(refused.Body, "Wait");
            StringAssert.Contains(refused.Body, command, "the talk box keeps the text");
        }
    }

    [TestMethod]
    public async Task Look_alike_rooms_and_names_are_refused_and_look_alike_spellings_lock_the_account()
    {
        await using var scene = await AttackScene.StartAsync();
        var mallory = AttackScene.NewBrowser();
        var (sid, _) = await scene.EnterAsync(mallory, "mallory");

        // "Lоbby" with a Cyrillic о would pass for the lobby in a room list: refused, pointing at the real one.
        var fakeRoom = await scene.SayAsync(mallory, sid, "/join L\u043Ebby");
        Assert.AreEqual(409, fakeRoom.Status, fakeRoom.Body);
        StringAssert.Contains(fakeRoom.Body, "/join Lobby");
        Assert.AreEqual(1, scene.Chat.Server.Rooms.Count, "no room was opened");
        await scene.SamSaysAsync("after the fake lobby");

        // "vеra" with a Cyrillic е would pass for vera in the names list.
        var fakeVera = await scene.RequestAsync(AttackScene.NewBrowser(), ChatTestServer.Post(ChatRoutes.Login, $"name={Uri.EscapeDataString("v\u0435ra")}&password="));
        Assert.IsTrue(fakeVera.Status is 400 or 409, $"{fakeVera.Status}: {fakeVera.Body}");
        StringAssert.Matches(fakeVera.Body, new Regex("mixes|looks too much like"));
        Assert.IsFalse(scene.Chat.Server.OnlineUsers.Any(u => u.Name != "vera" && u.Name.StartsWith('v')), "no second vera is online");
        await scene.SamSaysAsync("after the fake vera");

        // Wrong passwords for bob under look-alike spellings all count against bob's account: five lock it.
        scene.Chat.Time.Advance(BudgetWindow);
        var spellings = new[] { "bob", "b0b", "B0B", "b0B", "BOB" };
        var statuses = new List<int>();
        foreach (var spelling in spellings)
        {
            statuses.Add((await scene.RequestAsync(AttackScene.NewBrowser(), ChatTestServer.Post(ChatRoutes.Login, $"name={spelling}&password=wrong"))).Status);
        }

        CollectionAssert.AreEqual(new[] { 403, 403, 403, 403, 429 }, statuses);
        var right = await scene.RequestAsync(AttackScene.NewBrowser(), ChatTestServer.Post(ChatRoutes.Login, $"name=bob&password={Uri.EscapeDataString(AttackScene.Password)}"));
        Assert.AreEqual(429, right.Status, "the lock holds even for the right password");
        StringAssert.Contains(right.Body, "Too many failed logins for this name");
        var fromElsewhere = await scene.RequestAsync(AttackScene.NewBrowser(), ChatTestServer.Post(ChatRoutes.Login, $"name=B0B&password={Uri.EscapeDataString(AttackScene.Password)}"), AttackScene.SamAddress);
        Assert.AreEqual(429, fromElsewhere.Status, "the lock is the account's, not the address's");
        await scene.SamSaysAsync("after the guessing");

        await scene.AssertVeraGotEverySamLineAsync(3);
    }

    [TestMethod]
    public async Task A_reader_that_never_reads_moved_between_rooms_by_itself_and_by_the_host_is_cut_off_at_its_bound()
    {
        using var meters = new TestMeterFactory();
        await using var scene = await AttackScene.StartAsync(meters);
        var chat = scene.Chat;
        using var drops = new SlowReaderDrops(meters);

        // Two rooms away from vera whose histories of 1 KB lines make each arrival replay about 100 KB.
        chat.Server.CreateRoom("Den");
        chat.Server.CreateRoom("Attic");
        var filler = new string('x', 1000);
        for (var i = 0; i < 100; i++)
        {
            chat.Server.PostNotice("Den", $"den {i} {filler}");
            chat.Server.PostNotice("Attic", $"attic {i} {filler}");
        }

        var browser = AttackScene.NewBrowser();
        var (slow, _) = await scene.EnterAsync(browser, "slow", receiveBufferSize: 4096);
        var queue = ((HttpConnection)((ForeverFrameStream)chat.Server.Engine!.Sessions.Find(slow)!.Streams.Single()).Transport).Output;
        var bound = chat.Server.Engine.Options.Limits.MaxQueuedBytesPerStream;
        await scene.SamSaysAsync("the slow reader is in");

        // The reader's own moves, within its /join budget: each replay is queued, never read.
        var ownMoves = 0;
        var tries = 0;
        for (var i = 0; i < 10 && !queue.IsClosed; i++)
        {
            var moved = await scene.SayAsync(browser, slow, i % 2 == 0 ? "/join Den" : "/join Attic");
            Assert.IsTrue(moved.Status is 303 || queue.IsClosed, $"move {i + 1}: {moved.Status} {moved.Body}");
            ownMoves += moved.Status == 303 ? 1 : 0;
            tries++;
            await scene.SamSaysAsync($"the slow reader moved {i + 1} times");
        }

        // The host's moves have no budget; the bound must hold all the same.
        var hostMoves = 0;
        while (!queue.IsClosed && hostMoves < 200)
        {
            Assert.IsTrue(chat.Server.MoveUser("slow", ++hostMoves % 2 == 1 ? "Attic" : "Den"));
        }

        await drops.Dropped.WaitAsync(RawHttpClient.SafetyTimeout);
        Assert.IsTrue(queue.IsClosed, "the non-reading reader was cut off");
        Assert.IsLessThanOrEqualTo(bound, queue.PeakCountedBytes, $"the reader held {queue.PeakCountedBytes:N0} bytes against a bound of {bound:N0}");
        await scene.SamSaysAsync("after the slow reader");

        Assert.IsGreaterThan(0, ownMoves);
        await scene.AssertVeraGotEverySamLineAsync(tries + 2);
    }

    /// <summary>Notices in the lobby that the user left it or arrived there.</summary>
    private static int MoveNotices(string text, string name) =>
        Regex.Count(text, $"</time> {Regex.Escape(name)} (went to Den|joined)\\.</p>");
}
