using PushChat.Internal.Infrastructure;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Unit;

[TestClass]
public sealed class PasswordVerifierTests
{
    [TestMethod]
    public async Task Concurrent_checks_never_run_more_than_the_limit_at_once()
    {
        const int Limit = 2;
        using var held = new HeldPasswordCheck(signalAt: Limit);
        var verifier = new PasswordVerifier(Limit, held.Check);

        var pending = Enumerable.Range(0, 6).Select(i => verifier.VerifyAsync(i == 0 ? "right" : "wrong", "stored", CancellationToken.None)).ToArray();
        await held.Entered;

        Assert.AreEqual(Limit, verifier.Running);
        Assert.AreEqual(6 - Limit, verifier.Waiting, "the rest wait for a slot");
        held.Release();
        var results = await Task.WhenAll(pending).WaitAsync(RawHttpClient.SafetyTimeout);
        Assert.AreEqual(Limit, verifier.MostRunning);
        Assert.AreEqual(6, verifier.Checks);
        CollectionAssert.AreEqual(new[] { true, false, false, false, false, false }, results);
    }

    [TestMethod]
    public async Task Hashing_a_new_password_waits_for_a_slot_a_check_holds_and_runs_off_the_callers_thread()
    {
        using var held = new HeldPasswordCheck(signalAt: 1);
        var hashed = 0;
        var hashedOn = 0;
        var verifier = new PasswordVerifier(1, held.Check, password =>
        {
            Interlocked.Increment(ref hashed);
            hashedOn = Environment.CurrentManagedThreadId;
            return "hash of " + password;
        });
        var holding = verifier.VerifyAsync("right", "stored", CancellationToken.None);
        await held.Entered;
        var caller = Environment.CurrentManagedThreadId;

        var hashing = verifier.HashAsync("new", CancellationToken.None);
        await Task.Yield();

        Assert.AreEqual(0, Volatile.Read(ref hashed), "the only slot is taken by the check");
        held.Release();
        Assert.AreEqual("hash of new", await hashing.WaitAsync(RawHttpClient.SafetyTimeout));
        Assert.AreNotEqual(caller, hashedOn);
        Assert.IsTrue(await holding.WaitAsync(RawHttpClient.SafetyTimeout));
    }

    [TestMethod]
    public async Task A_check_runs_on_a_thread_other_than_the_callers()
    {
        using var held = new HeldPasswordCheck(signalAt: 1);
        var verifier = new PasswordVerifier(1, held.Check);
        held.Release();

        var caller = Environment.CurrentManagedThreadId;
        Assert.IsTrue(await verifier.VerifyAsync("right", "stored", CancellationToken.None));

        Assert.IsTrue(held.Calls.TryPeek(out var call));
        Assert.AreNotEqual(caller, call.Thread);
    }

    [TestMethod]
    public async Task Cancelling_a_wait_for_a_slot_throws_and_frees_nothing_it_did_not_take()
    {
        using var held = new HeldPasswordCheck(signalAt: 1);
        var verifier = new PasswordVerifier(1, held.Check);
        var holding = verifier.VerifyAsync("right", "stored", CancellationToken.None);
        await held.Entered;
        using var cancel = new CancellationTokenSource();

        var waiting = verifier.VerifyAsync("right", "stored", cancel.Token);
        Assert.AreEqual(1, verifier.Waiting);
        await cancel.CancelAsync();

        await Assert.ThrowsAsync<OperationCanceledException>(() => waiting);
        Assert.AreEqual(0, verifier.Waiting);
        Assert.AreEqual(1, verifier.Running, "the check holding the slot goes on");
        held.Release();
        Assert.IsTrue(await holding.WaitAsync(RawHttpClient.SafetyTimeout));
        Assert.IsTrue(await verifier.VerifyAsync("right", "stored", CancellationToken.None).WaitAsync(RawHttpClient.SafetyTimeout));
        Assert.AreEqual(2, verifier.Checks, "the cancelled check never ran");
        Assert.AreEqual(1, verifier.MostRunning);
    }

    [TestMethod]
    public async Task A_stop_waits_for_the_running_check_and_then_refuses_every_other()
    {
        using var held = new HeldPasswordCheck(signalAt: 1);
        var verifier = new PasswordVerifier(1, held.Check);
        var running = verifier.VerifyAsync("right", "stored", CancellationToken.None);
        await held.Entered;
        var waiting = verifier.VerifyAsync("right", "stored", CancellationToken.None);

        var stopped = verifier.StopAsync(CancellationToken.None);
        await Task.Yield();

        Assert.IsFalse(stopped.IsCompleted, "a check's thread is still running");
        held.Release();
        await stopped.WaitAsync(RawHttpClient.SafetyTimeout);
        Assert.IsTrue(running.IsCompleted, "the stop ended after the running check");
        Assert.IsTrue(await running);
        await Assert.ThrowsAsync<OperationCanceledException>(() => waiting);
        await Assert.ThrowsAsync<OperationCanceledException>(() => verifier.VerifyAsync("right", "stored", CancellationToken.None));
        Assert.AreEqual(1, verifier.Checks, "nothing ran after the stop began");
    }

    [TestMethod]
    public void A_server_s_verifier_runs_one_check_per_core_and_is_its_own()
    {
        var verifier = PasswordVerifier.PerCore();

        Assert.AreEqual(Environment.ProcessorCount, verifier.MaxConcurrent);
        Assert.AreNotSame(verifier, PasswordVerifier.PerCore());
    }
}
