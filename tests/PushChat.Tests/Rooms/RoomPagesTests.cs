using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Rooms;

[TestClass]
public sealed class RoomPagesTests
{
    [TestMethod]
    public async Task The_login_page_lists_the_rooms_and_a_login_can_enter_one()
    {
        await using var chat = await ChatTestServer.StartAsync();
        chat.Server.CreateRoom("Garden", "roses & tulips");
        chat.Engine().Rooms.Join(chat.Enter("bob"), "Garden");

        var login = await chat.RequestAsync(ChatTestServer.Get("/"));
        var response = await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Login, "name=alice&password=&room=Garden"));

        StringAssert.Contains(login.Body, "name=\"room\"");
        StringAssert.Contains(login.Body, "<option value=\"Garden\">Garden (1) – roses &amp; tulips</option>");
        Assert.AreEqual(303, response.Status);
        var alice = response.Headers["Location"].Split("sid=")[1];
        await using var reader = await chat.OpenChatAsync(alice, "alice joined.");
        Assert.AreEqual("Garden", chat.Server.OnlineUsers.Single(u => u.Name == "alice").Room);
    }

    [TestMethod]
    public async Task The_names_frame_offers_every_room_and_a_form_to_create_one()
    {
        await using var chat = await ChatTestServer.StartAsync();
        chat.Server.CreateRoom("Garden", "roses");
        var alice = await chat.LoginAsync("alice");
        await using var reader = await chat.OpenChatAsync(alice, "alice joined.");

        var names = await chat.NamesAsync(alice);

        StringAssert.Contains(names, $"<form method=\"post\" action=\"{ChatRoutes.Join}\"");
        StringAssert.Contains(names, "<button type=\"submit\" name=\"room\" value=\"Garden\">Garden</button>");
        StringAssert.Contains(names, "roses");
        StringAssert.Contains(names, "<label>Join or open a room <input name=\"room\"");
        Assert.IsFalse(names.Contains("<script", StringComparison.Ordinal));
    }

    [TestMethod]
    public async Task The_names_frame_of_a_large_room_shows_the_first_page_and_a_count()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.Limits.WithoutAddressBudgets());
        for (var i = 0; i < 105; i++)
        {
            chat.Enter($"user{i:D3}");
        }

        var names = await chat.NamesAsync("s-user000");

        StringAssert.Contains(names, ">user099</b>");
        Assert.IsFalse(names.Contains(">user100</b>", StringComparison.Ordinal));
        StringAssert.Contains(names, "and 5 more");
        StringAssert.Contains(names, "(105)");
    }
}
