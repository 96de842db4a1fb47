using PushChat.Authentication;
using PushChat.Tests.Infrastructure;
using PushChat.Users;

namespace PushChat.Tests.Accounts;

/// <summary>Anyone may register a free name from the login page and is then in the chat as a member.</summary>
[TestClass]
public sealed class RegistrationTests
{
    private const string Password = "correct horse";

    [TestMethod]
    public async Task The_login_page_links_to_the_registration_page_which_keeps_the_name_it_was_given()
    {
        await using var chat = await ChatTestServer.StartAsync();

        var login = await chat.RequestAsync(ChatTestServer.Get(ChatRoutes.Home));
        var register = await chat.RequestAsync(ChatTestServer.Get($"{ChatRoutes.Register}?name=ann%20lee"));

        Assert.Contains($"href=\"{ChatRoutes.Register}\"", login.Body);
        Assert.AreEqual(200, register.Status);
        Assert.Contains($"action=\"{ChatRoutes.Register}\"", register.Body);
        Assert.Contains("value=\"ann lee\"", register.Body);
        Assert.Contains("name=\"confirm\"", register.Body);
        Assert.Contains("minlength=\"8\"", register.Body);
    }

    [TestMethod]
    public async Task Registering_puts_the_user_in_the_chat_as_a_member_with_an_account_in_the_store()
    {
        var users = new InMemoryUserStore();
        await using var chat = await ChatTestServer.StartAsync(o => o.UserStore = users);

        var sid = AccountForms.SessionOf(await chat.RegisterAsync(" ann ", Password));

        Assert.AreEqual(ChatRole.User, chat.Server.Engine!.Sessions.Find(sid)!.Role);
        var account = await users.FindAsync("ann", default);
        Assert.IsNotNull(account);
        Assert.AreEqual(ChatRole.User, account.Role);
        Assert.IsTrue(account.VerifyPassword(Password));
    }

    [TestMethod]
    public async Task The_server_keeps_its_default_store_so_a_registered_user_can_log_in_again()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var sid = AccountForms.SessionOf(await chat.RegisterAsync("ann", Password));
        Assert.AreEqual(303, (await chat.LeaveAsync(sid)).Status);

        var wrong = await chat.TryLoginAsync("ann", "wrong password");
        var again = await chat.TryLoginAsync("ann", Password);

        Assert.AreEqual(403, wrong.Status);
        Assert.AreEqual(ChatRole.User, chat.Server.Engine!.Sessions.Find(AccountForms.SessionOf(again))!.Role);
    }

    [TestMethod]
    [DataRow("a!b", Password, Password, 400, "may contain only letters")]
    [DataRow("ann", Password, "correct horsE", 400, "The two passwords differ")]
    [DataRow("ann", "short", "short", 400, "at least 8 characters")]
    [DataRow("ann", "", "", 400, "at least 8 characters")]
    public async Task A_refused_registration_shows_the_form_again_with_the_reason_and_the_name_but_never_the_password(string name, string password, string confirm, int status, string reason)
    {
        await using var chat = await ChatTestServer.StartAsync();

        var response = await chat.RegisterAsync(name, password, confirm);

        Assert.AreEqual(status, response.Status, response.Body);
        Assert.Contains(reason, response.Body);
        Assert.Contains($"action=\"{ChatRoutes.Register}\"", response.Body);
        Assert.Contains($"value=\"{name}\"", response.Body);
        if (password.Length > 0)
        {
            Assert.DoesNotContain(password, response.Body.Replace($"value=\"{name}\"", string.Empty, StringComparison.Ordinal));
        }
    }

    [TestMethod]
    public async Task A_password_longer_than_the_limit_is_refused()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var password = new string('x', new ChatServerLimits().MaxPasswordLength + 1);

        var response = await chat.RegisterAsync("ann", password);

        Assert.AreEqual(400, response.Status);
        Assert.Contains($"at most {new ChatServerLimits().MaxPasswordLength} characters", response.Body);
    }

    [TestMethod]
    public async Task A_taken_name_is_refused_in_any_case()
    {
        var users = new InMemoryUserStore();
        await users.CreateAsync(UserAccount.Create("Ann", Password), default);
        await using var chat = await ChatTestServer.StartAsync(o => o.UserStore = users);

        var response = await chat.RegisterAsync("ANN", "another password");

        Assert.AreEqual(409, response.Status);
        Assert.Contains(CannotRegister, response.Body);
    }

    [TestMethod]
    public async Task A_name_a_guest_is_using_now_cannot_be_registered()
    {
        await using var chat = await ChatTestServer.StartAsync();
        await chat.LoginAsync("ann");

        var response = await chat.RegisterAsync("Ann", Password);

        Assert.AreEqual(409, response.Status);
        Assert.Contains(CannotRegister, response.Body);
    }

    [TestMethod]
    public async Task Taken_reserved_look_alike_and_online_names_get_one_answer_that_does_not_say_an_account_exists()
    {
        var users = new InMemoryUserStore();
        await users.CreateAsync(UserAccount.Create("mona", Password), default);
        await using var chat = await ChatTestServer.StartAsync(o =>
        {
            o.UserStore = users;
            o.AllowGuests = false;
            o.ReservedNames.Add("staff");
        });

        var taken = await chat.RegisterAsync("Mona", Password);
        var lookAlike = await chat.RegisterAsync("rnona", Password);
        var reserved = await chat.RegisterAsync("staff", Password);

        foreach (var (name, response) in new[] { ("Mona", taken), ("rnona", lookAlike), ("staff", reserved) })
        {
            Assert.AreEqual(409, response.Status, $"{name}: {response.Body}");
            Assert.Contains(CannotRegister, response.Body, name);
            Assert.Contains("value=\"" + name + "\"", response.Body, "the form keeps the name");
            Assert.AreEqual(Normalized(taken.Body, "Mona"), Normalized(response.Body, name), $"{name} is answered as every other name that cannot be registered");
            Assert.DoesNotContain("taken", response.Body);
            Assert.DoesNotContain("reserved", response.Body);
        }

        Assert.AreEqual(1, users.Count);
    }

    [TestMethod]
    public async Task A_reserved_name_cannot_be_registered()
    {
        var users = new InMemoryUserStore();
        await using var chat = await ChatTestServer.StartAsync(o =>
        {
            o.UserStore = users;
            o.ReservedNames.Add("staff");
        });

        Assert.AreEqual(409, (await chat.RegisterAsync("STAFF", Password)).Status);
        Assert.AreEqual(0, users.Count);
    }

    [TestMethod]
    public async Task A_guest_cannot_take_a_registered_name()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var sid = AccountForms.SessionOf(await chat.RegisterAsync("ann", Password));
        Assert.AreEqual(303, (await chat.LeaveAsync(sid)).Status);

        var guest = await chat.TryLoginAsync("ANN", string.Empty);

        Assert.AreEqual(403, guest.Status);
        Assert.IsEmpty(chat.Server.Engine!.State.Sessions.All());
    }

    [TestMethod]
    public async Task Registration_can_be_turned_off()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.AllowRegistration = false);
        await AssertRegistrationClosedAsync(chat);
    }

    [TestMethod]
    public async Task A_host_authenticator_without_a_store_turns_registration_off()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.Authenticator = new UserStoreAuthenticator(new InMemoryUserStore(), allowGuests: true));
        await AssertRegistrationClosedAsync(chat);
    }

    [TestMethod]
    public async Task A_password_for_a_name_without_an_account_gets_an_offer_to_register_it_without_the_password()
    {
        await using var chat = await ChatTestServer.StartAsync();

        var response = await chat.TryLoginAsync("zed", "my secret words");

        Assert.AreEqual(403, response.Status);
        Assert.Contains("There is no account called zed", response.Body);
        Assert.Contains($"<form method=\"get\" action=\"{ChatRoutes.Register}\">", response.Body);
        Assert.Contains("name=\"name\" value=\"zed\"", response.Body);
        Assert.DoesNotContain("my secret words", response.Body);
        Assert.DoesNotContain("type=\"password\"", response.Body);
    }

    [TestMethod]
    public async Task Without_guests_a_free_name_gets_the_answer_a_wrong_password_gets_whose_registration_link_carries_the_name()
    {
        var users = new InMemoryUserStore();
        await users.CreateAsync(UserAccount.Create("carol", Password), default);
        await using var chat = await ChatTestServer.StartAsync(o =>
        {
            o.UserStore = users;
            o.AllowGuests = false;
        });

        var wrong = await chat.TryLoginAsync("carol", "nope nope");
        var unknown = await chat.TryLoginAsync("carla", "nope nope");

        Assert.AreEqual(403, unknown.Status);
        Assert.AreEqual(wrong.Body.Replace("carol", "carla", StringComparison.Ordinal), unknown.Body, "whether a name has an account is not told");
        Assert.Contains($"href=\"{ChatRoutes.Register}?name=carla\"", unknown.Body);
    }

    [TestMethod]
    public async Task A_password_for_a_reserved_name_gets_no_offer_to_register_it()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.ReservedNames.Add("staff"));

        var response = await chat.TryLoginAsync("Staff", "my secret words");

        Assert.AreEqual(403, response.Status);
        Assert.Contains("reserved", response.Body);
        Assert.DoesNotContain($"action=\"{ChatRoutes.Register}\"", response.Body);
    }

    [TestMethod]
    public async Task A_wrong_password_for_a_registered_name_gets_no_offer_to_register()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var sid = AccountForms.SessionOf(await chat.RegisterAsync("ann", Password));
        Assert.AreEqual(303, (await chat.LeaveAsync(sid)).Status);

        var response = await chat.TryLoginAsync("ann", "not the password");

        Assert.AreEqual(403, response.Status);
        Assert.DoesNotContain($"action=\"{ChatRoutes.Register}\"", response.Body);
    }

    [TestMethod]
    public async Task A_failing_store_refuses_the_registration_and_logs_nobody_in()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.UserStore = new FailingUserStore());

        var response = await chat.RegisterAsync("ann", Password);

        Assert.AreEqual(503, response.Status);
        Assert.Contains("Registering is not possible right now", response.Body);
        Assert.IsEmpty(chat.Server.Engine!.State.Sessions.All());
    }

    [TestMethod]
    public async Task The_registration_page_answers_head_and_refuses_other_methods()
    {
        await using var chat = await ChatTestServer.StartAsync();

        await using var client = await chat.ConnectAsync();
        await client.SendAsync($"HEAD {ChatRoutes.Register} HTTP/1.1\r\nHost: localhost\r\n\r\n");
        var head = await client.ReadRawUntilAsync("\r\n\r\n");
        var put = await chat.RequestAsync($"PUT {ChatRoutes.Register} HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 200 ", head);
        Assert.AreEqual(405, put.Status);
        Assert.AreEqual("GET, HEAD, POST", put.Headers["Allow"]);
    }

    private const string CannotRegister = "This name cannot be registered. Pick another name; if you have an account, log in instead.";

    private static string Normalized(string body, string name) => body.Replace("value=\"" + name + "\"", "value=\"NAME\"", StringComparison.Ordinal);

    private sealed class FailingUserStore : IUserStore
    {
        public ValueTask<UserAccount?> FindAsync(string name, CancellationToken cancellationToken) => new((UserAccount?)null);

        public ValueTask<bool> CreateAsync(UserAccount account, CancellationToken cancellationToken) => throw new InvalidOperationException("the disk is full");

        public ValueTask<bool> UpdateAsync(UserAccount expected, UserAccount updated, CancellationToken cancellationToken) => throw new InvalidOperationException("the disk is full");
    }

    private static async Task AssertRegistrationClosedAsync(ChatTestServer chat)
    {
        var login = await chat.RequestAsync(ChatTestServer.Get(ChatRoutes.Home));
        var page = await chat.RequestAsync(ChatTestServer.Get(ChatRoutes.Register));
        var post = await chat.RegisterAsync("ann", Password);
        var offer = await chat.TryLoginAsync("zed", "my secret words");

        Assert.DoesNotContain(ChatRoutes.Register, login.Body);
        Assert.AreEqual(404, page.Status);
        Assert.AreEqual(404, post.Status);
        Assert.AreEqual(403, offer.Status);
        Assert.DoesNotContain(ChatRoutes.Register, offer.Body);
    }
}
