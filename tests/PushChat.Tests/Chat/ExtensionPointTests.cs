using System.Collections.Concurrent;
using PushChat.Authentication;
using PushChat.Filtering;
using PushChat.Internal.Chat.Commands;
using PushChat.Internal.Chat.State;
using PushChat.Localization;
using PushChat.Rendering;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Chat;

[TestClass]
public sealed class ExtensionPointTests
{
    [TestMethod]
    public async Task A_custom_authenticator_decides_logins_and_its_reason_is_shown()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.Authenticator = new OnlyNamesStartingWithA());

        var refused = await chat.RequestAsync(ChatTestServer.Post("/login", "name=bob&password="));
        await chat.LoginAsync("anna");

        Assert.AreEqual(403, refused.Status);
        StringAssert.Contains(refused.Body, "Only names with A today.");
    }

    [TestMethod]
    public async Task An_authenticator_that_throws_refuses_the_login()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.Authenticator = new Throwing());

        var refused = await chat.RequestAsync(ChatTestServer.Post("/login", "name=bob&password="));

        Assert.AreEqual(503, refused.Status);
        StringAssert.Contains(refused.Body, "not possible right now");
        Assert.AreEqual(0, chat.Server.OnlineUsers.Count);
    }

    [TestMethod]
    public async Task Filters_run_in_order_and_can_rewrite_or_reject()
    {
        await using var chat = await ChatTestServer.StartAsync(o =>
        {
            o.MessageFilters.Add(new Rewriting("darn", "d**n"));
            o.MessageFilters.Add(new RejectingWord("d**n"));
            o.MessageFilters.Add(new Rewriting("heck", "h**k"));
        });
        var alice = await chat.LoginAsync("alice");
        await using var reader = await chat.OpenChatAsync(alice);

        var rejected = await chat.SayAsync(alice, "darn it");
        Assert.AreEqual(303, (await chat.SayAsync(alice, "what the heck")).Status);

        Assert.AreEqual(422, rejected.Status);
        StringAssert.Contains(rejected.Body, "No d**n here.");
        StringAssert.Contains(rejected.Body, "value=\"darn it\"");
        var text = await reader.ReadStreamUntilAsync("what the h**k");
        Assert.IsFalse(text.Contains("darn", StringComparison.Ordinal));
    }

    [TestMethod]
    public async Task A_filter_chooses_the_status_its_rejection_is_answered_with()
    {
        await using var chat = await ChatTestServer.StartAsync(o =>
        {
            o.MessageFilters.Clear();
            o.MessageFilters.Add(new RejectingWord("spam"));
            o.MessageFilters.Add(new OneLineEach());
        });
        var alice = await chat.LoginAsync("alice");
        await using var reader = await chat.OpenChatAsync(alice);

        var word = await chat.SayAsync(alice, "spam");
        Assert.AreEqual(303, (await chat.SayAsync(alice, "hello")).Status);
        var limited = await chat.SayAsync(alice, "hello again");

        Assert.AreEqual(422, word.Status);
        Assert.AreEqual(429, limited.Status);
        StringAssert.Contains(limited.Body, "One line each, please.");
        StringAssert.Contains(limited.Body, "value=\"hello again\"");
    }

    [TestMethod]
    public async Task A_filter_that_throws_rejects_the_message_and_the_server_goes_on()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.MessageFilters.Add(new Throwing()));
        var alice = await chat.LoginAsync("alice");
        await using var reader = await chat.OpenChatAsync(alice);

        var response = await chat.SayAsync(alice, "hello");
        chat.Server.PostNotice("still serving.");

        Assert.AreEqual(503, response.Status);
        StringAssert.Contains(response.Body, "value=\"hello\"");
        var text = await reader.ReadStreamUntilAsync("still serving.");
        Assert.IsFalse(text.Contains("hello", StringComparison.Ordinal));
    }

    [TestMethod]
    public async Task A_throwing_event_handler_does_not_reach_the_chat()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        chat.Server.MessagePosted += (_, _) => throw new InvalidOperationException("host bug");
        chat.Server.MessagePosted += (_, e) =>
        {
            if (e.Message.Text == "second")
            {
                seen.TrySetResult(e.Message.Text);
            }
        };
        var alice = await chat.LoginAsync("alice");
        await using var reader = await chat.OpenChatAsync(alice);

        await chat.SayAsync(alice, "first");
        await chat.SayAsync(alice, "second");

        StringAssert.Contains(await reader.ReadStreamUntilAsync("second"), "first");
        Assert.AreEqual("second", await seen.Task.WaitAsync(RawHttpClient.SafetyTimeout));
    }

    [TestMethod]
    public async Task A_custom_renderer_changes_the_look_and_a_broken_page_gets_500()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.PageRenderer = new PlainLines());
        var alice = await chat.LoginAsync("alice");
        await using var reader = await chat.OpenChatAsync(alice, "[1] alice joined.");

        await chat.SayAsync(alice, "hi");
        var broken = await chat.RequestAsync(ChatTestServer.Get($"/names?sid={alice}"));

        StringAssert.Contains(await reader.ReadStreamUntilAsync("[2] alice: hi"), "[2] alice: hi");
        Assert.AreEqual(500, broken.Status);
    }

    [TestMethod]
    public async Task A_renderer_that_overrides_only_the_login_page_keeps_the_default_look_elsewhere()
    {
        await using var chat = await ChatTestServer.StartAsync(o =>
        {
            o.Title = "Acme";
            o.PageRenderer = new BrandedLogin();
        });
        var look = new DefaultPageRenderer();

        var login = await chat.RequestAsync(ChatTestServer.Get("/"));
        var refused = await chat.RequestAsync(ChatTestServer.Post("/login", "name=%3Cb%3E&password="));
        var alice = await chat.LoginAsync("alice");
        var session = new SessionPage("Acme", alice, "alice", "Lobby");
        var frameset = await chat.RequestAsync(ChatTestServer.Get($"/room?sid={alice}"));
        var talk = await chat.RequestAsync(ChatTestServer.Get($"/talk?sid={alice}"));
        var names = await chat.NamesAsync(alice);
        var missing = await chat.RequestAsync(ChatTestServer.Get("/nowhere"));
        await using var reader = await chat.OpenChatAsync(alice, "role=\"log\"");

        Assert.AreEqual(200, login.Status);
        StringAssert.Contains(login.Body, "<h1>Welcome to Acme</h1>");
        StringAssert.Contains(login.Body, $"<link rel=\"stylesheet\" href=\"{ChatRoutes.StyleSheet}\">");
        Assert.AreNotEqual(200, refused.Status);
        StringAssert.Contains(refused.Body, "<h1>Welcome to Acme</h1>");
        StringAssert.Contains(refused.Body, "value=\"&lt;b&gt;\"");
        StringAssert.Contains(refused.Body, "class=\"error\"");
        Assert.AreEqual(look.RenderFrameset(session), frameset.Body);
        Assert.AreEqual(look.RenderTalk(new TalkPage(session, null, null, new ChatServerLimits().MaxMessageLength) { Color = ColorPalette.ForName("alice"), Colors = ColorPalette.Choices(ChatLanguage.English), Actions = CannedActions.Choices(ChatLanguage.English) }), talk.Body);
        StringAssert.Contains(names, "<ul aria-label=\"Who is online\">");
        Assert.AreEqual(look.RenderError(new ErrorPage("Acme", 404, "There is no such page here.", false)), missing.Body);
    }

    private sealed class OnlyNamesStartingWithA : IAuthenticator
    {
        public ValueTask<AuthenticationResult> AuthenticateAsync(AuthenticationContext context, CancellationToken cancellationToken) =>
            new(context.UserName.StartsWith('a')
                ? AuthenticationResult.Success(context.UserName, ChatRole.User, "#2d7a2d")
                : AuthenticationResult.Failure("Only names with A today."));
    }

    private sealed class Throwing : IAuthenticator, IMessageFilter
    {
        public ValueTask<AuthenticationResult> AuthenticateAsync(AuthenticationContext context, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("directory down");

        public ValueTask<MessageFilterResult> FilterAsync(MessageFilterContext context, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("filter bug");
    }

    private sealed class Rewriting(string word, string replacement) : IMessageFilter
    {
        public ValueTask<MessageFilterResult> FilterAsync(MessageFilterContext context, CancellationToken cancellationToken) =>
            new(context.Text.Contains(word, StringComparison.Ordinal)
                ? MessageFilterResult.Rewrite(context.Text.Replace(word, replacement, StringComparison.Ordinal))
                : MessageFilterResult.Allow());
    }

    private sealed class RejectingWord(string word) : IMessageFilter
    {
        public ValueTask<MessageFilterResult> FilterAsync(MessageFilterContext context, CancellationToken cancellationToken) =>
            new(context.Text.Contains(word, StringComparison.Ordinal)
                ? MessageFilterResult.Reject($"No {word} here.")
                : MessageFilterResult.Allow());
    }

    private sealed class OneLineEach : IMessageFilter
    {
        private readonly ConcurrentDictionary<string, bool> _spoken = new(StringComparer.OrdinalIgnoreCase);

        public ValueTask<MessageFilterResult> FilterAsync(MessageFilterContext context, CancellationToken cancellationToken) =>
            new(_spoken.TryAdd(context.UserName, true)
                ? MessageFilterResult.Allow()
                : MessageFilterResult.Reject("One line each, please.", 429));
    }

    /// <summary>One page of its own, written with the default page shell; every other page is the default.</summary>
    private sealed class BrandedLogin : DefaultPageRenderer
    {
        public override string RenderLogin(LoginPage page) => Document(page.Language, page.Title, "login", $"""
            <main class="card">
            <h1>Welcome to {Html.Encode(page.Title)}</h1>
            {ErrorMessage(page.Error)}
            <form method="post" action="{ChatRoutes.Login}">
            <input name="name" required value="{Html.Encode(page.UserName)}">
            <input name="password" type="password">
            <button type="submit">Come in</button>
            </form>
            </main>
            """);
    }

    /// <summary>Plain text lines; its names page is deliberately broken.</summary>
    private sealed class PlainLines : DefaultPageRenderer
    {
        public override string RenderChatStart(SessionPage page) => "<pre>\n";

        public override string RenderLine(ChatMessage message, ChatLanguage language) =>
            $"[{message.Sequence}] {(message.Sender is null ? string.Empty : message.Sender + ": ")}{Html.Encode(message.Text)}\n";

        public override string RenderChatEnd() => "</pre>";

        public override string RenderNames(NamesPage page) => throw new InvalidOperationException("names page bug");
    }
}
