using PushChat.Tests.Infrastructure;
using PushChat.Users;

namespace PushChat.Tests.Accounts;

/// <summary>Reserved names keep users from passing for staff; they never lock out the store's own administrators.</summary>
[TestClass]
public sealed class ReservedNameAdminTests
{
    [TestMethod]
    public async Task An_admin_account_with_a_reserved_name_logs_in_and_everyone_else_stays_out_of_reserved_names()
    {
        var store = new InMemoryUserStore();
        Assert.IsTrue(await store.CreateAsync(UserAccount.Create("Admin", "admin-pa55word", ChatRole.Admin), CancellationToken.None));
        Assert.IsTrue(await store.CreateAsync(UserAccount.Create("server", "user-pa55word", ChatRole.User), CancellationToken.None));
        await using var chat = await ChatTestServer.StartAsync(options => options.UserStore = store);

        var admin = await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Login, "name=admin&password=admin-pa55word"));
        var wrongPassword = await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Login, "name=admin&password=guess"));
        var userAccount = await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Login, "name=server&password=user-pa55word"));
        var guest = await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Login, "name=moderator&password="));

        Assert.AreEqual(303, admin.Status, admin.Body);
        Assert.AreEqual(403, wrongPassword.Status, "the administrator's password is still checked");
        Assert.AreEqual(403, userAccount.Status, "an account without the Admin role does not get a reserved name");
        StringAssert.Contains(userAccount.Body, "reserved");
        Assert.AreEqual(403, guest.Status);
        StringAssert.Contains(guest.Body, "reserved");
    }
}
