using PushChat.Filtering;
using PushChat.Tests.Infrastructure;
using static PushChat.Tests.Engine.ShutdownTests;

namespace PushChat.Tests.Engine;

[TestClass]
public sealed class HookCancellationTests
{
    [TestMethod]
    public async Task A_hung_authenticator_is_cancelled_when_the_server_stops_and_its_connection_goes()
    {
        var authenticator = new GatedAuthenticator();
        var chat = await ChatTestServer.StartAsync(o => o.Authenticator = authenticator);
        var client = await chat.ConnectAsync();
        await client.SendAsync(ChatTestServer.Post("/login", "name=alice&password="));
        await authenticator.Entered.WaitAsync(RawHttpClient.SafetyTimeout);
        var connections = chat.Server.Connections!;

        await chat.Server.StopAsync().WaitAsync(RawHttpClient.SafetyTimeout);

        await authenticator.Cancelled.WaitAsync(RawHttpClient.SafetyTimeout);
        await AllClosedAsync(connections);
        await client.DisposeAsync();
    }

    [TestMethod]
    public async Task A_hook_that_ignores_its_token_does_not_hold_the_stop()
    {
        var authenticator = new GatedAuthenticator { IgnoreCancellation = true };
        var chat = await ChatTestServer.StartAsync(o => o.Authenticator = authenticator);
        await using var client = await chat.ConnectAsync();
        await client.SendAsync(ChatTestServer.Post("/login", "name=alice&password="));
        await authenticator.Entered.WaitAsync(RawHttpClient.SafetyTimeout);
        var connections = chat.Server.Connections!;

        await chat.Server.StopAsync().WaitAsync(RawHttpClient.SafetyTimeout);

        await AllClosedAsync(connections);
        authenticator.Release();
    }

    [TestMethod]
    public async Task An_authenticator_past_the_hook_timeout_gets_a_clear_refusal()
    {
        var authenticator = new GatedAuthenticator();
        await using var chat = await ChatTestServer.StartAsync(o =>
        {
            o.Authenticator = authenticator;
            o.HookTimeout = TimeSpan.FromSeconds(10);
        });
        await using var client = await chat.ConnectAsync();
        await client.SendAsync(ChatTestServer.Post("/login", "name=alice&password="));
        await authenticator.Entered.WaitAsync(RawHttpClient.SafetyTimeout);

        chat.Time.Advance(TimeSpan.FromSeconds(10));
        var response = await client.ReadResponseAsync();

        Assert.AreEqual(503, response.Status);
        StringAssert.Contains(response.Body, "took too long");
        await authenticator.Cancelled.WaitAsync(RawHttpClient.SafetyTimeout);
        Assert.AreEqual(0, chat.Server.OnlineUsers.Count);
    }

    [TestMethod]
    public async Task A_message_filter_past_the_hook_timeout_keeps_the_text_and_says_why()
    {
        var filter = new HangingFilter();
        await using var chat = await ChatTestServer.StartAsync(o =>
        {
            o.MessageFilters.Add(filter);
            o.HookTimeout = TimeSpan.FromSeconds(10);
        });
        var alice = await chat.LoginAsync("alice");
        await using var reader = await chat.OpenChatAsync(alice);
        await using var client = await chat.ConnectAsync();
        await client.SendAsync(ChatTestServer.Post("/say", $"sid={alice}&text=hello"));
        await filter.Entered.WaitAsync(RawHttpClient.SafetyTimeout);

        chat.Time.Advance(TimeSpan.FromSeconds(10));
        var response = await client.ReadResponseAsync();

        Assert.AreEqual(503, response.Status);
        StringAssert.Contains(response.Body, "took too long");
        StringAssert.Contains(response.Body, "value=\"hello\"");
        await filter.Cancelled.WaitAsync(RawHttpClient.SafetyTimeout);
    }

    private sealed class HangingFilter : IMessageFilter
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Entered => _entered.Task;

        private readonly TaskCompletionSource _cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Cancelled => _cancelled.Task;

        public async ValueTask<MessageFilterResult> FilterAsync(MessageFilterContext context, CancellationToken cancellationToken)
        {
            _entered.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                _cancelled.TrySetResult();
                throw;
            }

            return MessageFilterResult.Allow();
        }
    }
}
