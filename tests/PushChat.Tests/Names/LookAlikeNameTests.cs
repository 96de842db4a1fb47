using PushChat.Tests.Infrastructure;
using PushChat.Users;

namespace PushChat.Tests.Names;

/// <summary>Names that would show as a second "alice" in the names list.</summary>
[TestClass]
public sealed class LookAlikeNameTests
{
    public static IEnumerable<object[]> Fakes =>
    [
        ["variation selector", "alice\uFE02"],
        ["combining grapheme joiner", "ali\u034Fce"],
        ["Mongolian free variation selector", "alice\u180B"],
        ["Khmer inherent vowel", "alice\u17B4"],
        ["Hangul filler", "alice\u3164"],
        ["halfwidth Hangul filler", "alice\uFFA0"],
        ["Hangul choseong filler", "\u115Falice"],
        ["Cyrillic a", "\u0430lice"],
        ["Cyrillic e", "alic\u0435"],
        ["fullwidth letters", "\uFF41\uFF4C\uFF49\uFF43\uFF45"],
        ["combining marks only", "\u0301\u0301"],
        ["Zalgo", "a\u0336\u0335\u0334l\u0337\u0338i\u0335\u0336c\u0334\u0337e\u0338\u0336"],
        ["capital I for l", "AIice"],
    ];

    [TestMethod]
    [DynamicData(nameof(Fakes))]
    public async Task A_fake_of_an_online_name_is_refused(string what, string fake)
    {
        await using var chat = await ChatTestServer.StartAsync();
        await chat.LoginAsync(what == "capital I for l" ? "Alice" : "alice");

        var response = await chat.RequestAsync(ChatTestServer.Post("/login", $"name={Uri.EscapeDataString(fake)}&password="));

        Assert.AreNotEqual(303, response.Status, $"{what} was let in");
        Assert.IsTrue(response.Status is 400 or 409, $"{what}: {response.Status}");
    }

    [TestMethod]
    [DynamicData(nameof(Fakes))]
    public async Task A_fake_of_a_registered_name_is_refused_while_nobody_is_online(string what, string fake)
    {
        var users = new InMemoryUserStore();
        await users.CreateAsync(UserAccount.Create(what == "capital I for l" ? "Alice" : "alice", "s3cret!"), default);
        await using var chat = await ChatTestServer.StartAsync(o => o.UserStore = users);

        var response = await chat.RequestAsync(ChatTestServer.Post("/login", $"name={Uri.EscapeDataString(fake)}&password="));

        Assert.AreNotEqual(303, response.Status, $"{what} was let in as a guest");
        Assert.IsTrue(response.Status is 400 or 403, $"{what}: {response.Status}");
        Assert.AreEqual(0, users.Count - 1, "no account was added");
    }

    [TestMethod]
    public async Task A_whole_script_look_alike_of_an_online_name_is_told_why()
    {
        await using var chat = await ChatTestServer.StartAsync();
        await chat.LoginAsync("cope");

        // Cyrillic с, о, р, е: one script, so only the skeleton tells it from the Latin name.
        var response = await chat.RequestAsync(ChatTestServer.Post("/login", $"name={Uri.EscapeDataString("\u0441\u043E\u0440\u0435")}&password="));

        Assert.AreEqual(409, response.Status);
        StringAssert.Contains(response.Body, "looks too much like someone already here");
    }

    [TestMethod]
    public async Task A_mixed_script_fake_is_refused_with_a_reason()
    {
        await using var chat = await ChatTestServer.StartAsync();

        var response = await chat.RequestAsync(ChatTestServer.Post("/login", $"name={Uri.EscapeDataString("\u0430lice")}&password="));

        Assert.AreEqual(400, response.Status);
        StringAssert.Contains(response.Body, "mixes");
    }

    [TestMethod]
    public async Task A_fullwidth_name_is_the_same_name()
    {
        await using var chat = await ChatTestServer.StartAsync();
        await using var reader = await chat.OpenChatAsync(await chat.LoginAsync("\uFF41\uFF4C\uFF49\uFF43\uFF45"));

        Assert.AreEqual("alice", chat.Server.OnlineUsers.Single().Name);
    }

    [TestMethod]
    public async Task The_name_frees_up_when_its_owner_leaves()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var alice = await chat.LoginAsync("cope");
        Assert.AreEqual(303, (await chat.RequestAsync(ChatTestServer.Post("/leave", $"sid={alice}"))).Status);

        await chat.LoginAsync("\u0441\u043E\u0440\u0435");
    }

    [TestMethod]
    public async Task The_right_password_for_a_look_alike_logs_in_as_the_account()
    {
        var users = new InMemoryUserStore();
        await users.CreateAsync(UserAccount.Create("cope", "s3cret!"), default);
        await using var chat = await ChatTestServer.StartAsync(o => o.UserStore = users);

        await using var reader = await chat.OpenChatAsync(await chat.LoginAsync("\u0441\u043E\u0440\u0435", "s3cret!"));

        Assert.AreEqual("cope", chat.Server.OnlineUsers.Single().Name);
    }
}
