using System.Net.Sockets;
using PushChat.Authentication;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Engine;

[TestClass]
public sealed class ShutdownTests
{
    [TestMethod]
    public async Task A_renderer_that_throws_while_stopping_does_not_stop_the_stop()
    {
        var renderer = new FaultyRenderer { BreakChatEnd = true, BreakLines = true };
        var chat = await ChatTestServer.StartAsync(o => o.PageRenderer = renderer);
        var alice = await chat.LoginAsync("alice");
        var reader = await chat.OpenChatAsync(alice);
        var connections = chat.Server.Connections!;
        var endPoint = chat.EndPoint;

        await chat.Server.StopAsync().WaitAsync(RawHttpClient.SafetyTimeout);

        Assert.IsFalse(chat.Server.IsRunning);
        await AllClosedAsync(connections);
        Assert.IsTrue(await reader.ReadToEndAsync(), "the reader's stream ended");
        await reader.DisposeAsync();
        await chat.Server.StopAsync().WaitAsync(RawHttpClient.SafetyTimeout);
        await Assert.ThrowsExactlyAsync<SocketException>(() => RawHttpClient.ConnectAsync(endPoint));
    }

    [TestMethod]
    public async Task A_late_request_is_closed_even_when_the_error_page_throws()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.PageRenderer = new FaultyRenderer { BreakErrorPage = true });
        // A silent connection: its deadline runs from accept and nothing it sends can restart it.
        var admitted = ConnectionAdmitted(chat);
        await using var slow = await chat.ConnectAsync();
        await admitted.WaitAsync(RawHttpClient.SafetyTimeout);

        // Past the first-byte timeout, and not past the linger after the answer, which would reset the connection.
        chat.Time.Advance(chat.Server.Engine!.Options.Limits.FirstByteTimeout + TimeSpan.FromSeconds(1));

        var response = await slow.ReadResponseAsync();
        Assert.AreEqual(408, response.Status);
        Assert.IsTrue(await slow.ReadToEndAsync(), "the connection was closed");
    }

    [TestMethod]
    public async Task A_stop_does_not_wait_for_readers_that_keep_their_connection_after_the_goodbye()
    {
        // The fake clock never reaches the shutdown timeout: only closing the connections ends the stop.
        var chat = await ChatTestServer.StartAsync(o => o.ShutdownTimeout = TimeSpan.FromMinutes(1));
        var (_, reader) = await chat.EnterAsync("ann");
        await using var keeps = reader;

        await chat.Server.StopAsync().WaitAsync(RawHttpClient.SafetyTimeout);

        Assert.IsTrue(await keeps.ReadToEndAsync());
        StringAssert.Contains(keeps.StreamText, "shutting down", "the goodbye arrived before the close");
        await chat.DisposeAsync();
    }

    [TestMethod]
    public async Task A_request_in_flight_when_the_server_stops_gets_its_answer()
    {
        var authenticator = new GatedAuthenticator();
        var chat = await ChatTestServer.StartAsync(o =>
        {
            o.Authenticator = authenticator;
            o.ShutdownTimeout = TimeSpan.FromMinutes(1);
        });
        var client = await chat.ConnectAsync();
        await client.SendAsync(ChatTestServer.Post("/login", "name=alice&password="));
        await authenticator.Entered.WaitAsync(RawHttpClient.SafetyTimeout);

        var stopping = chat.Server.StopAsync();
        var response = await client.ReadResponseAsync();

        Assert.AreEqual(503, response.Status);
        StringAssert.Contains(response.Body, "shutting down");
        Assert.AreEqual("close", response.Headers["Connection"]);
        Assert.IsTrue(await client.ReadToEndAsync());
        await client.DisposeAsync();
        await stopping.WaitAsync(RawHttpClient.SafetyTimeout);
        Assert.AreEqual(0, chat.Server.OnlineUsers.Count);
    }

    [TestMethod]
    public async Task Logins_are_refused_once_the_server_began_to_stop()
    {
        var authenticator = new GatedAuthenticator();
        var chat = await ChatTestServer.StartAsync(o =>
        {
            o.Authenticator = authenticator;
            o.ShutdownTimeout = TimeSpan.FromMinutes(1);
        });
        var client = await chat.ConnectAsync();
        await client.SendAsync(ChatTestServer.Post("/login", "name=alice&password="));
        await authenticator.Entered.WaitAsync(RawHttpClient.SafetyTimeout);

        var stopping = chat.Server.StopAsync();
        authenticator.Release();
        var response = await client.ReadResponseAsync();
        await client.DisposeAsync();

        Assert.AreEqual(503, response.Status, response.Body + ": a login that the authenticator accepted after the stop began is not admitted");
        await stopping.WaitAsync(RawHttpClient.SafetyTimeout);
        Assert.AreEqual(0, chat.Server.OnlineUsers.Count);
    }

    [TestMethod]
    public async Task A_second_stop_while_one_runs_completes_only_when_the_stop_is_done()
    {
        // A reader that takes nothing holds the stop: lines it never read fill the sockets'
        // buffers, so its goodbye cannot be written, and the fake clock never reaches the
        // shutdown timeout. The stop ends only when the reader reads.
        var chat = await ChatTestServer.StartAsync(o => o.ShutdownTimeout = TimeSpan.FromMinutes(1));
        var sid = await chat.LoginAsync("alice");
        await using var reader = await chat.OpenNonReadingChatAsync(sid);
        var text = new string('x', 1000);
        for (var i = 0; i < 150; i++)
        {
            chat.Server.PostNotice($"line {i} {text}");
        }

        var connections = chat.Server.Connections!;
        var first = chat.Server.StopAsync();
        var second = chat.Server.StopAsync();
        var third = chat.Server.DisposeAsync().AsTask();
        var openWhenSecondEnded = second.ContinueWith(_ => connections.Count, TaskContinuationOptions.ExecuteSynchronously);

        Assert.IsFalse(first.IsCompleted, "the reader that takes nothing keeps the stop going");
        Assert.IsFalse(second.IsCompleted, "a second stop must not return while the first is still closing connections");
        Assert.IsFalse(third.IsCompleted, "nor may a dispose");
        Assert.IsTrue(await reader.ReadToEndAsync(), "the reader takes its lines and the goodbye, and the server closes");
        await Task.WhenAll(first, second, third).WaitAsync(RawHttpClient.SafetyTimeout);
        Assert.AreEqual(0, await openWhenSecondEnded, "the second stop ended only once every connection was closed");
        StringAssert.Contains(reader.StreamText, "shutting down");
    }

    /// <summary>Waits until every connection has left the registry (a connection leaves once its loops have ended).</summary>
    internal static Task AllClosedAsync(PushChat.Internal.Transport.ConnectionRegistry connections) =>
        connections.WaitUntilEmptyAsync(TimeSpan.FromDays(1), TimeProvider.System, CancellationToken.None).WaitAsync(RawHttpClient.SafetyTimeout);

    internal static Task ConnectionAdmitted(ChatTestServer chat)
    {
        var admitted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        chat.Server.Connections!.Added += _ => admitted.TrySetResult();
        return admitted.Task;
    }

    /// <summary>Holds every login until released; honours cancellation unless told not to.</summary>
    internal sealed class GatedAuthenticator : IAuthenticator
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Entered => _entered.Task;

        public bool IgnoreCancellation { get; set; }

        /// <summary>Completes when the token handed to the authenticator fired.</summary>
        public Task Cancelled => _cancelled.Task;

        public void Release() => _release.TrySetResult();

        public async ValueTask<AuthenticationResult> AuthenticateAsync(AuthenticationContext context, CancellationToken cancellationToken)
        {
            _entered.TrySetResult();
            try
            {
                await _release.Task.WaitAsync(IgnoreCancellation ? CancellationToken.None : cancellationToken);
            }
            catch (OperationCanceledException)
            {
                _cancelled.TrySetResult();
                throw;
            }

            return AuthenticationResult.Success(context.UserName, ChatRole.Guest);
        }
    }
}
