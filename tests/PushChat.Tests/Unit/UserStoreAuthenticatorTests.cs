using System.Net;
using PushChat.Authentication;
using PushChat.Internal.Infrastructure;
using PushChat.Tests.Infrastructure;
using PushChat.Users;

namespace PushChat.Tests.Unit;

[TestClass]
public sealed class UserStoreAuthenticatorTests
{
    private static readonly IPEndPoint Remote = new(IPAddress.Loopback, 50000);

    [TestMethod]
    public async Task A_password_check_does_not_hold_up_the_calling_thread()
    {
        var users = new InMemoryUserStore();
        await users.CreateAsync(UserAccount.Create("dora", "right"), default);
        var authenticator = new UserStoreAuthenticator(users, allowGuests: false);

        var pending = authenticator.AuthenticateAsync(new AuthenticationContext("dora", "wrong", Remote), CancellationToken.None);

        Assert.IsFalse(pending.IsCompleted, "the PBKDF2 derivation ran on the caller's thread");
        Assert.IsFalse((await pending).Succeeded);
    }

    [TestMethod]
    public async Task A_login_waiting_for_a_password_check_slot_can_be_cancelled()
    {
        var users = new InMemoryUserStore();
        await users.CreateAsync(new UserAccount("dora", "stored", ChatRole.User, null), default);
        using var held = new HeldPasswordCheck(signalAt: 1);
        var authenticator = new UserStoreAuthenticator(users, allowGuests: false, new PasswordVerifier(1, held.Check));
        var first = authenticator.AuthenticateAsync(new AuthenticationContext("dora", "right", Remote), CancellationToken.None).AsTask();
        await held.Entered;
        using var cancel = new CancellationTokenSource();

        var second = authenticator.AuthenticateAsync(new AuthenticationContext("dora", "right", Remote), cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAsync<OperationCanceledException>(() => second);
        held.Release();
        Assert.IsTrue((await first.WaitAsync(RawHttpClient.SafetyTimeout)).Succeeded);
    }
}
