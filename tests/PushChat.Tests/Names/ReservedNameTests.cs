using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Names;

[TestClass]
public sealed class ReservedNameTests
{
    [TestMethod]
    [DataRow("system")]
    [DataRow("Admin")]
    [DataRow("ADMINISTRATOR")]
    [DataRow("moderator")]
    [DataRow("Server")]
    [DataRow("PushChat")]
    [DataRow("\u0430dmin")]
    [DataRow("\uFF41\uFF44\uFF4D\uFF49\uFF4E")]
    [DataRow("adrnin")]
    [DataRow("rnoderator")]
    public async Task Names_of_the_server_are_refused(string name)
    {
        await using var chat = await ChatTestServer.StartAsync();

        var response = await chat.RequestAsync(ChatTestServer.Post("/login", $"name={Uri.EscapeDataString(name)}&password="));

        Assert.IsTrue(response.Status is 400 or 403, $"{name}: {response.Status}");
        Assert.AreEqual(0, chat.Server.OnlineUsers.Count);
    }

    [TestMethod]
    public async Task A_reserved_name_is_told_why()
    {
        await using var chat = await ChatTestServer.StartAsync();

        var response = await chat.RequestAsync(ChatTestServer.Post("/login", "name=Admin&password="));

        Assert.AreEqual(403, response.Status);
        StringAssert.Contains(response.Body, "reserved");
    }

    [TestMethod]
    public async Task The_host_can_reserve_more_names_and_free_the_default_ones()
    {
        await using var chat = await ChatTestServer.StartAsync(o =>
        {
            o.ReservedNames.Add("Support");
            o.ReservedNames.Remove("admin");
        });

        var support = await chat.RequestAsync(ChatTestServer.Post("/login", $"name={Uri.EscapeDataString("supp0rt")}&password="));
        var supportToo = await chat.RequestAsync(ChatTestServer.Post("/login", "name=SUPPORT&password="));

        Assert.AreEqual(403, support.Status);
        Assert.AreEqual(403, supportToo.Status);
        await chat.LoginAsync("admin");
    }

    [TestMethod]
    public void The_default_list_names_the_server()
    {
        var options = new ChatServerOptions();

        CollectionAssert.IsSubsetOf(new[] { "system", "admin", "administrator", "moderator", "server", "pushchat" }, options.ReservedNames.ToArray());
    }

    [TestMethod]
    public async Task An_empty_reserved_name_fails_at_start()
    {
        var options = new ChatServerOptions { Port = 0 };
        options.ReservedNames.Add(" ");
        await using var server = new ChatServer(options);

        var error = await Assert.ThrowsExactlyAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => server.StartAsync());

        StringAssert.Contains(error.Message, "ReservedNames");
    }
}
