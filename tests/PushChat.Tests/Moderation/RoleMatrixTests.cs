using System.Net;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Moderation;

/// <summary>
/// Every privileged command of the talk box, tried by every role over real sockets: a guest and
/// a plain user are refused everything; the owner of a room may kick, mute, op, deop and close in
/// it (a mute holds in the room only); an admin may do everything, ban and address lookup included.
/// </summary>
[TestClass]
public sealed class RoleMatrixTests
{
    private const string Den = "Den";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("guest")]
    [DataRow("user")]
    [DataRow("owner")]
    [DataRow("admin")]
    public async Task Every_privileged_command_is_allowed_or_refused_by_the_role_of_its_sender(string role)
    {
        await using var chat = await ModerationSetup.StartAsync();
        var (root, rootChat) = await ModerationSetup.EnterAsync(chat, "root", ModerationSetup.Password);
        var (olga, olgaChat) = await ModerationSetup.EnterAsync(chat, "olga");
        await using var r = rootChat;
        await using var o = olgaChat;
        await ModerationSetup.JoinAsync(chat, olga, olgaChat, "olga", Den);
        var (actor, actorChat) = role switch
        {
            "guest" => await ModerationSetup.EnterAsync(chat, "gus"),
            "user" => await ModerationSetup.EnterAsync(chat, "ursula", ModerationSetup.Password),
            "owner" => (olga, olgaChat),
            _ => (root, rootChat),
        };
        if (role != "owner")
        {
            await ModerationSetup.JoinAsync(chat, actor, actorChat, role switch { "guest" => "gus", "user" => "ursula", _ => "root" }, Den);
        }

        var owner = role == "owner";
        var admin = role == "admin";
        var streams = new List<RawHttpClient>();
        var next = 0;
        async Task<string> TargetAsync()
        {
            var name = $"t{++next}";
            var (sid, stream) = await ModerationSetup.EnterAsync(chat, name);
            streams.Add(stream);
            await ModerationSetup.JoinAsync(chat, sid, stream, name, Den);
            return name;
        }

        try
        {
            var t = await TargetAsync();
            await Expect($"/kick {t} enough", owner || admin, "kick");
            t = await TargetAsync();
            await Expect($"/mute {t} 5m calm down", owner || admin, "mute");
            t = await TargetAsync();
            Assert.AreEqual(303, (await chat.SayAsync(olga, $"/mute {t} 5m")).Status, "the owner's room mute");
            await Expect($"/unmute {t}", owner || admin, "unmute");
            t = await TargetAsync();
            await Expect($"/ban {t} 10m flooding", admin, "ban");
            Assert.AreEqual(303, (await chat.SayAsync(root, "/ban gone 10m")).Status);
            await Expect("/unban gone", admin, "unban");
            t = await TargetAsync();
            await Expect($"/ip {t}", admin, "ip");
            if (admin)
            {
                await actorChat.ReadStreamUntilAsync($"{t}: {IPAddress.Loopback}");
            }

            t = await TargetAsync();
            await Expect($"/op {t}", owner || admin, "op");
            t = await TargetAsync();
            Assert.AreEqual(303, (await chat.SayAsync(olga, $"/op {t}")).Status, "made an owner by the owner");
            await Expect($"/deop {t}", owner || admin, "deop");
            await Expect("/close", owner || admin, "close");
            Assert.AreEqual(owner || admin, !chat.Server.Rooms.Any(room => room.Name == Den), "whether Den closed");
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.DisposeAsync();
            }
        }

        async Task Expect(string command, bool allowed, string what)
        {
            var response = await chat.SayAsync(actor, command);
            if (allowed)
            {
                Assert.AreEqual(303, response.Status, $"{role} {what}: {response.Body}");
            }
            else
            {
                Assert.AreEqual(403, response.Status, $"{role} {what}: {response.Body}");
                StringAssert.Contains(response.Body, "Only ", $"{role} {what}: the refusal says who may");
            }
        }
    }
}
