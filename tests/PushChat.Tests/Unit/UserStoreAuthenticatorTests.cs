using System.Collections.Concurrent;
using System.Globalization;
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

    [TestMethod]
    public async Task Without_guests_an_unknown_name_costs_the_same_check_and_gets_the_same_answer_as_a_wrong_password()
    {
        var users = new InMemoryUserStore();
        await users.CreateAsync(UserAccount.Create("dora", "right"), default);
        var checkedAgainst = new ConcurrentQueue<string>();
        var verifier = new PasswordVerifier(1, (password, stored) =>
        {
            checkedAgainst.Enqueue(stored);
            return PasswordHasher.Verify(password, stored);
        });
        var authenticator = new UserStoreAuthenticator(users, allowGuests: false, verifier);

        var unknown = await authenticator.AuthenticateAsync(new AuthenticationContext("nobody", "wrong", Remote), CancellationToken.None);
        var wrong = await authenticator.AuthenticateAsync(new AuthenticationContext("dora", "wrong", Remote), CancellationToken.None);

        Assert.IsFalse(unknown.Succeeded);
        Assert.AreEqual(wrong.FailureReason, unknown.FailureReason);
        Assert.AreEqual(2, verifier.Checks, "a PBKDF2 check ran for the unknown name too");
        var shapes = checkedAgainst.Select(stored => string.Join("$", stored.Split('$').Select((part, i) => i < 2 ? part : part.Length.ToString(CultureInfo.InvariantCulture)))).ToArray();
        Assert.AreEqual(shapes[1], shapes[0], "same scheme, iteration count, salt and hash lengths as a real hash");
    }

    [TestMethod]
    public async Task With_guests_an_unknown_name_joins_as_a_guest_without_a_password_check()
    {
        using var held = new HeldPasswordCheck(signalAt: 1);
        var verifier = new PasswordVerifier(1, held.Check);
        var authenticator = new UserStoreAuthenticator(new InMemoryUserStore(), allowGuests: true, verifier);

        var guest = await authenticator.AuthenticateAsync(new AuthenticationContext("nobody", string.Empty, Remote), CancellationToken.None);
        var withPassword = await authenticator.AuthenticateAsync(new AuthenticationContext("nobody", "secret", Remote), CancellationToken.None);

        Assert.IsTrue(guest.Succeeded);
        Assert.AreEqual(ChatRole.Guest, guest.Role);
        Assert.IsFalse(withPassword.Succeeded);
        StringAssert.Contains(withPassword.FailureReason, "Leave the password empty");
        Assert.AreEqual(0, verifier.Checks);
    }
}
