using System.Net;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Chat.Services;
using PushChat.Internal.Chat.State;
using PushChat.Tests.Infrastructure;
using PushChat.Tests.Rooms;

using PushChat.Localization;

namespace PushChat.Tests.Policy;

/// <summary>
/// Every moderation act, done by a guest, a user, the room's owner, an admin and the host, on the
/// real server's state through its change bus: allowed or refused as the table below says (written
/// out here, not read from the policy, so that a change of the policy shows up as a failure). Then
/// the same acts on oneself, and the undoing of a higher authority's act.
/// </summary>
[TestClass]
public sealed class PolicyMatrixTests
{
    // Who may: g guest, u user, o owner of the room (a guest who opened Den), a admin, h host.
    private static readonly (string Act, string Allowed)[] Expected =
    [
        ("kick", "oah"),
        ("mute in room", "oah"),
        ("mute server-wide", "ah"),
        ("unmute", "oah"),
        ("ban", "ah"),
        ("banip", "ah"),
        ("unban", "ah"),
        ("ip", "ah"),
        ("op", "oah"),
        ("deop", "oah"),
        ("close", "oah"),
        ("topic", "oah"),
        ("delete line", "oah"),
        ("move", "h"),
        ("set role", "h"),
    ];

    public static IEnumerable<object[]> Cases =>
        from row in Expected
        from role in new[] { "guest", "user", "owner", "admin", "host" }
        select new object[] { row.Act, role, row.Allowed.Contains(role[0], StringComparison.Ordinal) };

    public static IEnumerable<object[]> SelfActs =>
        from act in new[] { "kick", "mute", "unmute", "ban", "banip", "ip", "op" }
        from role in new[] { "guest", "user", "owner", "admin" }
        select new object[] { act, role };

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public async Task Each_act_is_allowed_to_exactly_the_roles_of_the_table(string act, string role, bool allowed)
    {
        await using var chat = await StartAsync();
        var engine = chat.Engine();
        var (actor, tom) = Cast(chat, role);
        var by = actor?.Id;

        // What the act undoes, done first by the room's owner or the host.
        switch (act)
        {
            case "unmute":
                Assert.IsFalse(engine.Moderate(new UserMuted("s-olga", "tom", TimeSpan.FromMinutes(10), null)).IsRefused);
                break;
            case "unban":
                Assert.IsFalse(engine.Moderate(new UserBanned("s-root", "gone", ByAddress: false, null, TimeSpan.FromHours(1), null)).IsRefused);
                break;
            case "deop":
                Assert.IsFalse(engine.Moderate(new OwnerChanged("s-olga", "tom", Owner: true)).IsRefused);
                break;
        }

        var sequence = engine.ServerLines.PostNotice("Den", "a line to delete")!.Sequence;
        var result = act switch
        {
            "kick" => engine.Moderate(new UserKicked(by, "tom", null)),
            "mute in room" => engine.Moderate(new UserMuted(by, "tom", TimeSpan.FromMinutes(10), null)),
            "mute server-wide" => engine.Moderate(new UserMuted(by, "tom", TimeSpan.FromHours(2), null)),
            "unmute" => engine.Moderate(new MuteLifted(by, "tom")),
            "ban" => engine.Moderate(new UserBanned(by, "tom", ByAddress: false, null, TimeSpan.FromHours(1), null)),
            "banip" => engine.Moderate(new UserBanned(by, "tom", ByAddress: true, null, TimeSpan.FromHours(1), null)),
            "unban" => engine.Moderate(new BanLifted(by, "gone", null)),
            "ip" => actor is null ? Host(chat.Server.Sessions.Any(s => s.Name == "tom" && s.RemoteAddress is not null)) : engine.Moderate(new AddressLookedUp(actor.Id, "tom")),
            "op" => engine.Moderate(new OwnerChanged(by, "tom", Owner: true)),
            "deop" => engine.Moderate(new OwnerChanged(by, "tom", Owner: false)),
            "close" => actor is null ? engine.Rooms.Close("Den") : engine.Moderate(new RoomClosedByUser(actor.Id)),
            "topic" => actor is null ? engine.Rooms.SetTopic("Den", "set") : Outcome(engine.Rooms.SetTopic(actor, "set")),
            "delete line" => engine.ServerLines.DeleteLine(actor, "Den", sequence),
            "move" => actor is null ? Host(chat.Server.MoveUser("tom", "Lobby")) : UserCommand(actor, "/move tom Lobby"),
            "set role" => actor is null ? Host(chat.Server.SetRole("tom", ChatRole.User)) : UserCommand(actor, "/role tom admin"),
            _ => throw new ArgumentOutOfRangeException(nameof(act)),
        };

        Assert.AreEqual(allowed, !result.IsRefused, $"{role} {act}: {result.Refusal}");
        if (!allowed && actor is not null && act is not ("move" or "set role"))
        {
            Assert.IsTrue(result.StatusCode is 403 or 400, $"{role} {act}: {result.StatusCode} {result.Refusal}");
        }

        ChangeResult UserCommand(ChatSession session, string typed) =>
            PushChat.Internal.Chat.Commands.TalkCommandParser.Parse(typed, out var hint) is null
                ? ChangeResult.Refused(400, hint!)
                : ChangeResult.Applied;
    }

    [TestMethod]
    [DynamicData(nameof(SelfActs))]
    public async Task Nobody_acts_on_oneself(string act, string role)
    {
        await using var chat = await StartAsync();
        var engine = chat.Engine();
        var (actor, _) = Cast(chat, role);
        var me = actor!.UserName;
        if (act == "unmute")
        {
            chat.Server.Mute(me, TimeSpan.FromMinutes(5));
        }

        var result = engine.Moderate(act switch
        {
            "kick" => new UserKicked(actor.Id, me, null),
            "mute" => new UserMuted(actor.Id, me, TimeSpan.FromMinutes(5), null),
            "unmute" => new MuteLifted(actor.Id, me),
            "ban" => new UserBanned(actor.Id, me, ByAddress: false, null, TimeSpan.FromHours(1), null),
            "banip" => new UserBanned(actor.Id, me, ByAddress: true, null, TimeSpan.FromHours(1), null),
            "ip" => new AddressLookedUp(actor.Id, me),
            _ => new OwnerChanged(actor.Id, me, Owner: true),
        });

        Assert.AreEqual(403, result.StatusCode, $"{role} {act} on oneself: {result.Refusal}");
        Assert.IsFalse(actor.Ended, "still online");
    }

    [TestMethod]
    public async Task Only_the_same_or_a_higher_authority_undoes_an_act()
    {
        await using var chat = await StartAsync();
        var engine = chat.Engine();
        var (olga, tom) = Cast(chat, "owner");
        var root = engine.State.Sessions.Find("s-root")!;

        Assert.IsFalse(engine.Moderate(new UserMuted(root.Id, "tom", TimeSpan.FromDays(1), null)).IsRefused);
        Assert.AreEqual(403, engine.Moderate(new MuteLifted(olga!.Id, "tom")).StatusCode, "an owner lifts an admin's mute");
        Assert.AreNotEqual(false, engine.Moderate(new UserMuted(olga.Id, "tom", TimeSpan.FromSeconds(1), null)).IsRefused, "an owner shortens an admin's mute");
        Assert.IsFalse(engine.Moderate(new OwnerChanged(root.Id, "ursula", Owner: true)).IsRefused, "root makes ursula an owner of Den");
        Assert.AreEqual(403, engine.Moderate(new OwnerChanged(olga.Id, "ursula", Owner: false)).StatusCode, "an owner takes back an admin's /op");
        chat.Server.Ban("eve", TimeSpan.FromDays(1));
        Assert.AreEqual(403, engine.Moderate(new BanLifted(root.Id, "eve", null)).StatusCode, "an admin lifts the host's ban");
        chat.Server.Mute("tom", TimeSpan.FromDays(2));
        Assert.AreEqual(403, engine.Moderate(new MuteLifted(root.Id, "tom")).StatusCode, "an admin lifts the host's mute");
        Assert.AreEqual(403, engine.Moderate(new UserMuted(root.Id, "tom", TimeSpan.FromMinutes(1), null)).StatusCode, "an admin shortens the host's mute");
        Assert.IsTrue(chat.Server.Unmute("tom"), "the host lifts its own");
        Assert.IsTrue(chat.Server.Unban("eve"));
        Assert.IsFalse(engine.Moderate(new UserMuted(olga.Id, "tom", TimeSpan.FromMinutes(5), null)).IsRefused, "now the owner's room mute");
        Assert.IsFalse(engine.Moderate(new MuteLifted(root.Id, "tom")).IsRefused, "a higher authority lifts an owner's mute");
        Assert.IsNotNull(tom);
    }

    private static Task<ChatTestServer> StartAsync() => ChatTestServer.StartAsync(o =>
    {
        o.Limits.WithoutAddressBudgets();
        o.StreamOpenTimeout = TimeSpan.FromDays(1);
    });

    /// <summary>root (admin), ursula (user), gus (guest), olga (a guest who opened Den) and tom (a guest), all in Den; returns the actor (null for the host) and tom.</summary>
    private static (ChatSession? Actor, ChatSession Tom) Cast(ChatTestServer chat, string role)
    {
        var engine = chat.Engine();
        var olga = chat.Enter("olga", ChatRole.Guest);
        Assert.IsNull(engine.Rooms.Join(olga, "Den").Error);
        var root = chat.Enter("root", ChatRole.Admin, "Den");
        var ursula = chat.Enter("ursula", ChatRole.User, "Den");
        var gus = chat.Enter("gus", ChatRole.Guest, "Den");
        var tom = chat.Enter("tom", ChatRole.Guest, "Den");
        var actor = role switch
        {
            "guest" => gus,
            "user" => ursula,
            "owner" => olga,
            "admin" => root,
            _ => null,
        };
        Assert.AreEqual(IPAddress.Loopback, tom.RemoteAddress);
        return (actor, tom);
    }

    private static ChangeResult Host(bool done) => done ? ChangeResult.Applied : ChangeResult.Refused(404, LocalText.Plain("the host's act failed"));

    private static ChangeResult Outcome(ChatOutcome<ChatMessage> outcome) =>
        outcome.Value is null ? ChangeResult.Refused(outcome.StatusCode, outcome.Error!) : ChangeResult.Applied;
}
