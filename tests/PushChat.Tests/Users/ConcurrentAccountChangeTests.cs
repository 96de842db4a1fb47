using PushChat.Tests.Accounts;
using PushChat.Tests.Infrastructure;
using PushChat.Users;

namespace PushChat.Tests.Users;

/// <summary>A password change that meets another change of the same account never undoes it.</summary>
[TestClass]
public sealed class ConcurrentAccountChangeTests
{
    private const string Old = "correct horse";
    private const string New = "battery staple";

    [TestMethod]
    public async Task A_role_given_while_the_password_changes_is_kept()
    {
        var users = new InterleavingUserStore();
        await using var chat = await ChatTestServer.StartAsync(o => o.UserStore = users);
        var sid = AccountForms.SessionOf(await chat.RegisterAsync("ann", Old));
        users.BeforeNextUpdate(async inner =>
        {
            var ann = (await inner.FindAsync("ann", default))!;
            Assert.IsTrue(await inner.UpdateAsync(ann, ann.WithRole(ChatRole.Admin), default));
        });

        var changed = await chat.ChangePasswordAsync(sid, Old, New);

        Assert.AreEqual(303, changed.Status, changed.Body);
        var stored = (await users.FindAsync("ann", default))!;
        Assert.AreEqual(ChatRole.Admin, stored.Role, "the password change wrote back the role it had read");
        Assert.IsTrue(stored.VerifyPassword(New));
    }

    [TestMethod]
    public async Task A_password_changed_meanwhile_is_not_overwritten_and_the_late_change_is_told_so()
    {
        var users = new InterleavingUserStore();
        await using var chat = await ChatTestServer.StartAsync(o => o.UserStore = users);
        var sid = AccountForms.SessionOf(await chat.RegisterAsync("ann", Old));
        users.BeforeNextUpdate(async inner =>
        {
            var ann = (await inner.FindAsync("ann", default))!;
            Assert.IsTrue(await inner.UpdateAsync(ann, ann.WithPassword("changed elsewhere"), default));
        });

        var late = await chat.ChangePasswordAsync(sid, Old, New);

        Assert.AreEqual(409, late.Status, late.Body);
        Assert.Contains("changed meanwhile", late.Body);
        var stored = (await users.FindAsync("ann", default))!;
        Assert.IsTrue(stored.VerifyPassword("changed elsewhere"), "the earlier change stands");
        Assert.IsFalse(stored.VerifyPassword(New));
    }
}
