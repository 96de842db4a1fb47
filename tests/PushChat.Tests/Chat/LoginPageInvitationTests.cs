using PushChat.Authentication;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Chat;

/// <summary>The login page offers only what the server will grant: a guest hint, a register link.</summary>
[TestClass]
public sealed class LoginPageInvitationTests
{
    private const string GuestHint = "leave the password empty to join as a guest";
    private const string RegisterLink = "Create an account";

    [TestMethod]
    public async Task With_the_defaults_the_login_page_invites_guests_and_registration()
    {
        var page = await LoginPageAsync(_ => { });

        StringAssert.Contains(page, GuestHint);
        StringAssert.Contains(page, RegisterLink);
    }

    [TestMethod]
    public async Task A_host_authenticator_without_a_store_gets_a_login_page_without_guest_hint_or_register_link()
    {
        var page = await LoginPageAsync(options => options.Authenticator = new OnlyAnn());

        Assert.IsFalse(page.Contains(GuestHint, StringComparison.Ordinal), "the authenticator decides alone; the page must not promise guests");
        Assert.IsFalse(page.Contains(RegisterLink, StringComparison.Ordinal), "the server has nowhere to write an account");
    }

    [TestMethod]
    public async Task Without_guests_the_login_page_has_no_guest_hint()
    {
        var page = await LoginPageAsync(options => options.AllowGuests = false);

        Assert.IsFalse(page.Contains(GuestHint, StringComparison.Ordinal));
        StringAssert.Contains(page, RegisterLink);
    }

    [TestMethod]
    public async Task Without_registration_the_login_page_has_no_register_link()
    {
        var page = await LoginPageAsync(options => options.AllowRegistration = false);

        StringAssert.Contains(page, GuestHint);
        Assert.IsFalse(page.Contains(RegisterLink, StringComparison.Ordinal));
    }

    [TestMethod]
    public async Task A_store_authenticator_that_refuses_guests_gets_no_guest_hint_whatever_the_option_says()
    {
        var store = new PushChat.Users.InMemoryUserStore();
        var page = await LoginPageAsync(options =>
        {
            options.UserStore = store;
            options.Authenticator = new UserStoreAuthenticator(store, allowGuests: false);
        });

        Assert.IsFalse(page.Contains(GuestHint, StringComparison.Ordinal));
    }

    private static async Task<string> LoginPageAsync(Action<ChatServerOptions> configure)
    {
        await using var chat = await ChatTestServer.StartAsync(configure);
        var response = await chat.RequestAsync(ChatTestServer.Get("/"));
        Assert.AreEqual(200, response.Status);
        StringAssert.Contains(response.Body, "<form", "the login page");
        return response.Body;
    }

    /// <summary>A host's own authenticator: lets in ann, with no store the server could read.</summary>
    private sealed class OnlyAnn : IAuthenticator
    {
        public ValueTask<AuthenticationResult> AuthenticateAsync(AuthenticationContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult(context.UserName == "ann" ? AuthenticationResult.Success("ann", ChatRole.User) : AuthenticationResult.Failure("Only ann."));
    }
}
